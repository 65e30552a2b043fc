package app_test

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"reach"
	"reach/sqlstore/storetest"
)

// TestNumberVerdictsComeInOrder: a number is read, then judged domestic,
// then valid, then a placeholder — so an international number is never
// called a placeholder, nor is a mistyped one.
func TestNumberVerdictsComeInOrder(t *testing.T) {
	tn := newTenant(t, storetest.Open(t, "sqlite"))
	cases := []struct {
		in      string
		code    reach.Code
		mention string
	}{
		{"+64 3 331 6005", reach.EINTERNATIONAL, "+64"},
		{"+4532123456", reach.EINTERNATIONAL, "+45"},
		{"01164 3 331 6005", reach.EINTERNATIONAL, "011"},
		{"+1 512 867 530", reach.EINVALIDPHONE, "digits"},
		{"(911) 555-1234", reach.EINVALIDPHONE, "911"},
		{"(012) 345-6789", reach.EINVALIDPHONE, "can't start with 0"},
		// An invalid number that looks like filler says both.
		{"(123) 456-7890", reach.EINVALIDPHONE, "looks like a placeholder"},
		{"(512) 555-0142", reach.EPLACEHOLDER, "fiction"},
		{"(512) 555-1212", reach.EPLACEHOLDER, "directory assistance"},
		{"512-555-1234", reach.EPLACEHOLDER, "555-1234"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			v, err := tn.app.Validate(context.Background(), tn.admin, "", tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if v.Valid || v.Code != tc.code || !strings.Contains(v.Message, tc.mention) {
				t.Errorf("Validate(%q) = %s %q; want %s mentioning %q", tc.in, v.Code, v.Message, tc.code, tc.mention)
			}
		})
	}
}

// TestEntryVerdictsAgreeWithCorpus runs every number of the third-party
// corpus through the whole entry check — the one every write path and the
// as-you-type check use — and wants the corpus's verdict on the number (or
// its alternative) for each. The corpus judges numbers, not fillers: a
// placeholder is a domestic number read correctly and then refused for
// what it is, so it agrees with the corpus's E.164 — and must never be the
// verdict on an international or invalid number.
func TestEntryVerdictsAgreeWithCorpus(t *testing.T) {
	f, err := os.Open("../../shared/corpora/phones.tsv")
	if err != nil {
		t.Skip("../shared/corpora not present; entry verdicts not compared with the corpus")
	}
	defer f.Close()
	tn := newTenant(t, storetest.Open(t, "sqlite"))
	sc := bufio.NewScanner(f)
	sc.Scan() // header: input, expected, ext, source, note, alt_ok
	total, agree := 0, 0
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		in, err := strconv.Unquote(col[0])
		if err != nil {
			t.Fatalf("bad literal %s: %v", col[0], err)
		}
		v, err := tn.app.Validate(context.Background(), tn.admin, "", in)
		if err != nil {
			t.Fatal(err)
		}
		got, gotExt := v.Value, v.Extension
		switch {
		case v.Code == reach.EINTERNATIONAL:
			got = "reject-international"
		case !v.Valid && v.Code != reach.EPLACEHOLDER:
			got = "reject-invalid"
		}
		want, wantExt, alt := col[1], col[2], col[5]
		total++
		if (got == want && (!strings.HasPrefix(want, "+") || gotExt == wantExt)) || (alt != "" && got == alt) {
			agree++
			continue
		}
		t.Errorf("%s -> %s %s ext=%q %q; corpus says %s ext=%q (alt %q)", col[0], got, v.Code, gotExt, v.Message, want, wantExt, alt)
	}
	t.Logf("entry verdicts agree with the phone corpus on %d/%d numbers", agree, total)
}
