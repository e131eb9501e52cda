package edtf_test

import (
	"fmt"

	"annals.dev/annals/internal/edtf"
)

func ExampleParse() {
	d, err := edtf.Parse("2004-06~/2004-06-11%")
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Earliest(), d.Latest(), d.Precision())
	fmt.Println(d.Display())
	// Output:
	// 2004-06-01 2004-06-11 month
	// c. June 2004 – c. 11 June 2004?
}

func ExampleParse_error() {
	_, err := edtf.Parse("2019-02-29")
	fmt.Println(err)
	// Output:
	// invalid EDTF date "2019-02-29": day 29 is out of range: February 2019 has 28 days; 2019 is not a leap year (expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2018-07-12)
}

func ExampleDate_Display() {
	for _, s := range []string{"2018-07-11/2018-07-12", "201X", "-0043-03-15", "2025/.."} {
		fmt.Println(edtf.MustParse(s).Display())
	}
	// Output:
	// 11–12 July 2018
	// 2010s
	// 15 March 44 BCE
	// 2025 onwards
}
