package edtf_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"annals.dev/annals/internal/edtf"
)

// TestConformanceExamples reads the EDTF conformance examples
// (testdata/conformance/edtf) and checks that each valid one parses and
// reads back as written, and each invalid one is an error. It logs how many
// agree.
func TestConformanceExamples(t *testing.T) {
	f, err := os.Open("../../testdata/conformance/edtf/examples.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pass, total := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("bad line %q", line)
		}
		value, valid, from := fields[0], fields[1] == "valid", fields[2]
		total++
		d, err := edtf.Parse(value)
		switch {
		case valid && err != nil:
			t.Errorf("%s (%s): %v", value, from, err)
		case valid && d.String() != value:
			t.Errorf("%s (%s): reads back as %q", value, from, d.String())
		case !valid && err == nil:
			t.Errorf("%s (%s): accepted as %+v, want an error", value, from, d)
		default:
			pass++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("examples.txt: %d of %d cases agree", pass, total)
}

// TestNegativeUnspecified checks the span of negative years with X digits,
// which count back from the year written.
func TestNegativeUnspecified(t *testing.T) {
	for _, tt := range []struct {
		in, earliest, latest, display string
	}{
		{"-20XX", "-2099-01-01", "-2000-12-31", "2100 BCE – 2001 BCE"},
		{"-01XX~", "-0199-01-01", "-0100-12-31", "c. 200 BCE – 101 BCE"},
		{"../..", "", "", "open-ended"},
		{"/..", "", "", "from an unknown date onwards"},
		{"../", "", "", "until an unknown date"},
	} {
		d := edtf.MustParse(tt.in)
		if tt.earliest != "" && (d.Earliest().String() != tt.earliest || d.Latest().String() != tt.latest) {
			t.Errorf("%s: %s to %s, want %s to %s", tt.in, d.Earliest(), d.Latest(), tt.earliest, tt.latest)
		}
		if got := d.Display(); got != tt.display {
			t.Errorf("%s: Display %q, want %q", tt.in, got, tt.display)
		}
	}
}
