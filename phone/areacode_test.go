package phone

import "testing"

func TestAreaCodeInService(t *testing.T) {
	for npa, want := range map[string]bool{
		"512": true, "416": true, "787": true, "876": true, "800": true, // Texas, Toronto, Puerto Rico, Jamaica, toll-free
		"555": false, "123": false, "000": false, "111": false, "999": false, "37": false, "5x2": false,
	} {
		if got := AreaCodeInService(npa); got != want {
			t.Errorf("AreaCodeInService(%q) = %v, want %v", npa, got, want)
		}
	}
}
