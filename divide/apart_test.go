package divide

import "testing"

func TestApart(t *testing.T) {
	for _, tt := range []struct {
		a, b         float64
		wantA, wantB string
	}{
		{13.2, 12.8, "13.2", "12.8"},
		{13.24, 13.21, "13.24", "13.21"},
		{13.241, 13.242, "13.24", "13.24"}, // two decimals at most
		{47, 60, "47", "60"},
		{47.2, 47.4, "47.2", "47.4"},
		{0, 5, "0", "5"},
	} {
		gotA, gotB := apart(tt.a, tt.b)
		if gotA != tt.wantA || gotB != tt.wantB {
			t.Errorf("apart(%v, %v) = %s, %s; want %s, %s", tt.a, tt.b, gotA, gotB, tt.wantA, tt.wantB)
		}
	}
}
