//go:build !race

// Probing all 800 area codes through libphonenumber takes seconds, and
// minutes under the race detector, so this check runs without it (.ci/run
// runs it separately).

package phone

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestAreaCodesAgainstCorpus compares every NPA with the corpus's classes,
// which were computed from the same libphonenumber data.
func TestAreaCodesAgainstCorpus(t *testing.T) {
	f, err := os.Open("../../shared/corpora/nanp_area_codes.tsv")
	if err != nil {
		t.Skip("../shared/corpora not present; area-code agreement not measured")
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Scan() // header
	rows, agree := 0, 0
	for s.Scan() {
		cols := strings.Split(s.Text(), "\t")
		want := cols[1] != "no-valid-numbers-in-libphonenumber"
		rows++
		if AreaCodeInService(cols[0]) == want {
			agree++
		} else {
			t.Logf("NPA %s: corpus class %s", cols[0], cols[1])
		}
	}
	t.Logf("area-code agreement: %d/%d", agree, rows)
	if agree < rows*99/100 {
		t.Errorf("only %d of %d area codes agree", agree, rows)
	}
}
