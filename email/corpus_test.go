package email

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// corpusPath is the third-party reference corpus; it exists in CI only.
const corpusPath = "../../shared/corpora/emails.tsv"

// The thresholds sit just under the measured rates so a regression fails.
// The raw rate counts every row; the policy rate sets aside rows that
// disagree only because of a rule named by policy (trimming, 64 octets).
const (
	minEmailAgreement  = 0.855
	minPolicyAgreement = 0.995
)

// policy names the deliberate rule behind a disagreement with the corpus,
// whose verdicts come from a library that neither trims input nor enforces
// the 64-octet local-part limit by default.
func policy(in, got string) string {
	if got == "valid" && strings.TrimSpace(in) != in {
		return "surrounding whitespace is trimmed"
	}
	if at := strings.LastIndexByte(in, '@'); got == "invalid" && at > maxLocal {
		return "SPEC: local part over 64 octets"
	}
	if _, err := Parse(in); got == "invalid" && strings.Contains(err.Error(), "is not a top-level domain") {
		return "the top-level domain is not on the public suffix list"
	}
	return "unexplained"
}

func TestCorpusAgreement(t *testing.T) {
	f, err := os.Open(corpusPath)
	if err != nil {
		t.Skip("../shared/corpora not present; corpus agreement not measured")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header: address, expected, source, source_verdict, flags, source_detail
	total, agree := 0, 0
	byPolicy := map[string]int{}
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 5 {
			t.Fatalf("short corpus row: %q", sc.Text())
		}
		in, err := strconv.Unquote(col[0])
		if err != nil {
			t.Fatalf("bad literal %s: %v", col[0], err)
		}
		got := "valid"
		_, perr := Parse(in)
		if perr != nil {
			got = "invalid"
		}
		total++
		if got == col[1] {
			agree++
			continue
		}
		p := policy(in, got)
		byPolicy[p]++
		t.Logf("disagree (%s): %s -> %s, corpus says %s [%s]", p, col[0], got, col[1], col[4])
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	rate := float64(agree) / float64(total)
	named := total - agree - byPolicy["unexplained"]
	policyRate := float64(agree) / float64(total-named)
	t.Logf("email corpus agreement: %d/%d = %.4f; disagreements by cause: %v", agree, total, rate, byPolicy)
	t.Logf("agreement setting aside named policies: %d/%d = %.4f", agree, total-named, policyRate)
	if rate < minEmailAgreement {
		t.Errorf("agreement %.4f fell below %.4f", rate, minEmailAgreement)
	}
	if policyRate < minPolicyAgreement {
		t.Errorf("agreement setting aside named policies %.4f fell below %.4f", policyRate, minPolicyAgreement)
	}
}
