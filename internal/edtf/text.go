package edtf

import (
	"fmt"
	"strconv"
	"strings"
)

// String returns d in canonical EDTF, which Parse reads back to an equal
// Date: "2018-07-12", "2004-06~/2004-06-11%", "1985/..". The zero Date gives
// "".
func (d Date) String() string {
	if !d.Interval {
		return d.Start.String()
	}
	return d.Start.String() + "/" + d.End.String()
}

// String returns p in canonical EDTF: ".." for an open end and "" for an
// unknown one.
func (p Point) String() string {
	switch {
	case p.Open:
		return ".."
	case p.Precision == PrecisionUnknown:
		return ""
	}
	var b strings.Builder
	y, x := formatYear(p.Year), p.yearX()
	b.WriteString(y[:len(y)-x] + strings.Repeat("X", x))
	if p.Precision >= PrecisionSeason {
		b.WriteString(twoDigits(p.Month, p.monthUnspecified()))
	}
	if p.Precision >= PrecisionDay {
		b.WriteString(twoDigits(p.Day, p.dayUnspecified()))
	}
	if p.HasTime {
		fmt.Fprintf(&b, "T%02d:%02d:%02d%s", p.Hour, p.Minute, p.Second, p.Zone)
	}
	switch {
	case p.Uncertain && p.Approximate:
		b.WriteByte('%')
	case p.Uncertain:
		b.WriteByte('?')
	case p.Approximate:
		b.WriteByte('~')
	}
	return b.String()
}

// formatYear writes a year the way EDTF requires: four digits with an
// optional minus, or a Y prefix beyond four digits.
func formatYear(y int) string {
	switch {
	case y > 9999 || y < -9999:
		return "Y" + strconv.Itoa(y)
	case y < 0:
		return fmt.Sprintf("-%04d", -y)
	}
	return fmt.Sprintf("%04d", y)
}

func twoDigits(n int, unspecified bool) string {
	if unspecified {
		return "-XX"
	}
	return fmt.Sprintf("-%02d", n)
}

// MarshalText returns the canonical EDTF text of d, so that Date can be a
// JSON string or YAML scalar. The zero Date marshals to empty text.
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// UnmarshalText parses EDTF text into d. Empty text gives the zero Date, the
// inverse of MarshalText, rather than the error Parse returns for "".
func (d *Date) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = Date{}
		return nil
	}
	parsed, err := Parse(string(text))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
