package phone

import (
	"bufio"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

// corpusPath is the third-party reference corpus; it exists in CI only.
const corpusPath = "../../shared/corpora/phones.tsv"

// minPhoneAgreement sits just under the measured rate so a regression fails.
const minPhoneAgreement = 0.997

// verdict renders Parse's result in the corpus's vocabulary.
func verdict(in string) (string, string) {
	n, err := Parse(in)
	if err == nil {
		return n.E164, n.Extension
	}
	var pe *Error
	if errors.As(err, &pe) && pe.International {
		return "reject-international", ""
	}
	return "reject-invalid", ""
}

func TestCorpusAgreement(t *testing.T) {
	f, err := os.Open(corpusPath)
	if err != nil {
		t.Skip("../shared/corpora not present; corpus agreement not measured")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header: input, expected, ext, source, note, alt_ok
	total, agree := 0, 0
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 6 {
			t.Fatalf("short corpus row: %q", sc.Text())
		}
		in, err := strconv.Unquote(col[0])
		if err != nil {
			t.Fatalf("bad literal %s: %v", col[0], err)
		}
		want, wantExt, alt := col[1], col[2], col[5]
		got, gotExt := verdict(in)
		total++
		ok := (got == want && (!strings.HasPrefix(want, "+") || gotExt == wantExt)) || (alt != "" && got == alt)
		if ok {
			agree++
			continue
		}
		t.Logf("disagree: %s -> %s ext=%q; corpus says %s ext=%q (alt %q) [%s]", col[0], got, gotExt, want, wantExt, alt, col[4])
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	rate := float64(agree) / float64(total)
	t.Logf("phone corpus agreement: %d/%d = %.4f", agree, total, rate)
	if rate < minPhoneAgreement {
		t.Errorf("agreement %.4f fell below %.4f", rate, minPhoneAgreement)
	}
}
