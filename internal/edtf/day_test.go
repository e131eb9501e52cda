package edtf_test

import (
	"testing"
	"time"

	"annals.dev/annals/internal/edtf"
)

func TestDayString(t *testing.T) {
	tests := []struct {
		day  edtf.Day
		want string
	}{
		{edtf.Day{Year: 2018, Month: 7, Day: 12}, "2018-07-12"},
		{edtf.Day{Year: 79, Month: 8, Day: 24}, "0079-08-24"},
		{edtf.Day{Year: 0, Month: 1, Day: 1}, "0000-01-01"},
		{edtf.Day{Year: -43, Month: 3, Day: 15}, "-0043-03-15"},
		{edtf.Day{Year: -9999, Month: 1, Day: 1}, "-9999-01-01"},
		{edtf.Day{Year: 10000, Month: 1, Day: 1}, "+10000-01-01"},
		{edtf.Day{Year: 170000002, Month: 1, Day: 1}, "+170000002-01-01"},
		{edtf.Day{Year: -170000002, Month: 12, Day: 31}, "-170000002-12-31"},
	}
	for _, tt := range tests {
		if got := tt.day.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.day, got, tt.want)
		}
	}
}

func TestDayCompare(t *testing.T) {
	tests := []struct {
		a, b edtf.Day
		want int
	}{
		{edtf.Day{Year: 2018, Month: 7, Day: 12}, edtf.Day{Year: 2018, Month: 7, Day: 12}, 0},
		{edtf.Day{Year: 2018, Month: 7, Day: 12}, edtf.Day{Year: 2018, Month: 7, Day: 13}, -1},
		{edtf.Day{Year: 2018, Month: 8, Day: 1}, edtf.Day{Year: 2018, Month: 7, Day: 31}, +1},
		{edtf.Day{Year: 2017, Month: 12, Day: 31}, edtf.Day{Year: 2018, Month: 1, Day: 1}, -1},
		{edtf.Day{Year: -44, Month: 12, Day: 31}, edtf.Day{Year: -43, Month: 1, Day: 1}, -1},
		{edtf.FarPast, edtf.Day{Year: -999999999, Month: 1, Day: 1}, -1},
		{edtf.FarFuture, edtf.Day{Year: 999999999, Month: 12, Day: 31}, +1},
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDayTime(t *testing.T) {
	tests := []struct {
		day  edtf.Day
		want time.Time
	}{
		{edtf.Day{Year: 2018, Month: 7, Day: 12}, time.Date(2018, 7, 12, 0, 0, 0, 0, time.UTC)},
		{edtf.Day{Year: 1, Month: 1, Day: 1}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
		{edtf.Day{Year: 9999, Month: 12, Day: 31}, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
		{edtf.Day{Year: 0, Month: 6, Day: 1}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
		{edtf.Day{Year: -43, Month: 3, Day: 15}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
		{edtf.FarPast, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
		{edtf.Day{Year: 10000, Month: 1, Day: 1}, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
		{edtf.FarFuture, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := tt.day.Time(); !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("%v.Time() = %v, want %v", tt.day, got, tt.want)
		}
	}
}
