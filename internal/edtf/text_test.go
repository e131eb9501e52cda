package edtf_test

import (
	"encoding/json"
	"strings"
	"testing"

	"annals.dev/annals/internal/edtf"
)

type event struct {
	Date edtf.Date `json:"date"`
}

func TestJSONRoundTrip(t *testing.T) {
	for _, s := range []string{"2018-07-12", "2004-06~/2004-06-11%", "../1985", "Y-170000002", "1985-04-12T23:20:30+04:30"} {
		data, err := json.Marshal(event{Date: edtf.MustParse(s)})
		if err != nil {
			t.Fatalf("Marshal(%q): %v", s, err)
		}
		if want := `{"date":"` + s + `"}`; string(data) != want {
			t.Errorf("Marshal(%q) = %s, want %s", s, data, want)
		}
		var back event
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", data, err)
		}
		if back.Date != edtf.MustParse(s) {
			t.Errorf("JSON round trip of %q gave %+v", s, back.Date)
		}
	}
}

func TestJSONZeroDate(t *testing.T) {
	data, err := json.Marshal(event{})
	if err != nil || string(data) != `{"date":""}` {
		t.Fatalf("Marshal(zero) = %s, %v; want an empty string", data, err)
	}
	back := event{Date: edtf.MustParse("2018")}
	if err := json.Unmarshal(data, &back); err != nil || !back.Date.IsZero() {
		t.Errorf("Unmarshal(%s) = %+v, %v; want the zero Date", data, back.Date, err)
	}
}

func TestJSONInvalid(t *testing.T) {
	var e event
	err := json.Unmarshal([]byte(`{"date":"2018-13"}`), &e)
	if err == nil || !strings.Contains(err.Error(), "month 13 is out of range") {
		t.Errorf("Unmarshal of month 13: err = %v, want the parse error", err)
	}
}

func TestIsZero(t *testing.T) {
	if !(edtf.Date{}).IsZero() {
		t.Error("Date{}.IsZero() = false")
	}
	if edtf.MustParse("0000").IsZero() {
		t.Error("Parse(\"0000\").IsZero() = true; year zero is a real date")
	}
	if got := (edtf.Date{}).String(); got != "" {
		t.Errorf("Date{}.String() = %q, want empty", got)
	}
}
