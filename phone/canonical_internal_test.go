package phone

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestCanonicalShortcutAgreesWithTheLibrary: numbers already in E.164 skip
// the library's parser; for every such number the verdict, the stored form
// and the message must be what the general path gives.
func TestCanonicalShortcutAgreesWithTheLibrary(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	inputs := []string{"+15128675309", "+18005550100", "+12129115555", "+14165550199", "+17875550123", "+18765550123", "+10005550123"}
	for range 20000 {
		inputs = append(inputs, fmt.Sprintf("+1%010d", rng.Uint64N(1e10)))
	}
	for _, in := range inputs {
		fast, fastErr := parse(in, true)
		slow, slowErr := parse(in, false)
		if fast != slow || fmt.Sprint(fastErr) != fmt.Sprint(slowErr) {
			t.Fatalf("%s: shortcut gives %+v, %v; the library gives %+v, %v", in, fast, fastErr, slow, slowErr)
		}
	}
}
