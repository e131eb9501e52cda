package edtf_test

import (
	"testing"

	"annals.dev/annals/internal/edtf"
)

func FuzzParse(f *testing.F) {
	for _, s := range specExamples {
		f.Add(s)
	}
	for _, s := range []string{
		"", "/", "../..", "2018-13-01", "2019-02-29", "2020-02-29", "-0043-03-15", "0000",
		"2001-24/2002-21", "2018-07-11/2018-07-12", "Y-999999999999999999", "1XXX",
		"1985-04-12T23:20:30.5", "2004-06-11T10:00:00/2005", "201X-XX", "199u", "1984?~", "-0001-XX",
		"-20XX", "-01XX~", "-0XXX", "/..", "../", "1985-04-12T23:20:30+14:00", "1985-04-12T23:20:30-13:00",
		"156X-12-25", "2004-06-~11", "[1667,1668,1670..1672]", "Y17E7",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := edtf.Parse(s)
		if err != nil {
			if d != (edtf.Date{}) {
				t.Errorf("Parse(%q) returned %+v with error %v", s, d, err)
			}
			return
		}
		text := d.String()
		if text != s {
			t.Errorf("Parse(%q).String() = %q; only canonical text should parse", s, text)
		}
		again, err := edtf.Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q, which does not parse: %v", s, text, err)
		}
		if again != d {
			t.Errorf("Parse(%q) = %+v, but Parse(%q) = %+v", s, d, text, again)
		}
		if d.Earliest().Compare(d.Latest()) > 0 {
			t.Errorf("Parse(%q): Earliest %v is after Latest %v", s, d.Earliest(), d.Latest())
		}
		if d.IsZero() || d.Display() == "" {
			t.Errorf("Parse(%q) = %+v has no display text", s, d)
		}
		if edtf.Compare(d, again) != 0 || !d.Contains(d.Earliest()) || !d.Contains(d.Latest()) {
			t.Errorf("Parse(%q): Compare or Contains disagrees with Earliest/Latest", s)
		}
	})
}
