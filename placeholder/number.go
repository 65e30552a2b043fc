package placeholder

import (
	"fmt"
	"strings"

	"reach/phone"
)

// nationalDigits returns the 10-digit NANP number inside input: its digits,
// without a leading country code 1 and without an extension. Anything else
// returns what it has, which no rule matches.
func nationalDigits(input string) string {
	if len(input) == 12 && strings.HasPrefix(input, "+1") && isDigits(input[2:]) {
		return input[2:] // stored E.164: the common case in reports
	}
	if i := strings.IndexAny(strings.ToLower(input), "x#;e,"); i > 6 {
		input = input[:i] // drop an extension: "…7890 x12", ";ext=12"
	}
	d := phone.Digits(input)
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	return d
}

// numberRules run in order, cheapest first; the area-code check may consult
// the numbering plan.
var numberRules = []func(d string) (Rule, bool){
	sameDigits, sequentialDigits, fictionalLine, fillerAreaCode, fillerExchangeRun, nonexistentAreaCode,
}

// sameDigits: 000-000-0000, 999-999-9999.
func sameDigits(d string) (Rule, bool) {
	if strings.Count(d, d[:1]) == len(d) {
		return Rule{"same-digit-number", fmt.Sprintf("every digit is %c, which no real number has", d[0])}, true
	}
	return Rule{}, false
}

// sequentialDigits: 123-456-7890, 987-654-3210, 012-345-6789 and the like:
// each digit one more (or one less) than the last, wrapping 9→0.
func sequentialDigits(d string) (Rule, bool) {
	up, down := true, true
	for i := 1; i < len(d); i++ {
		step := (int(d[i]) - int(d[i-1]) + 10) % 10
		up = up && step == 1
		down = down && step == 9
	}
	if up || down {
		return Rule{"sequential-digits", "the digits just count up or down, as people type when they have no number"}, true
	}
	return Rule{}, false
}

// fictionalLine: 555-0100 through 555-0199 are reserved for films and examples
// in every area code.
func fictionalLine(d string) (Rule, bool) {
	if d[3:6] == "555" && d[6:8] == "01" {
		return Rule{"fictional-555-01xx", "555-0100 to 555-0199 are reserved for fiction and examples and never ring anyone"}, true
	}
	return Rule{}, false
}

// fillerAreaCodes are area codes people type when they have no number; none
// has ever held subscriber numbers.
var fillerAreaCodes = map[string]bool{"000": true, "111": true, "123": true, "555": true, "999": true}

func fillerAreaCode(d string) (Rule, bool) {
	if fillerAreaCodes[d[:3]] {
		return Rule{"filler-area-code", fmt.Sprintf("area code %s is not in service; it is a common filler", d[:3])}, true
	}
	return Rule{}, false
}

// fillerExchangeRun: a real area code followed by 555-5555, 000-0000 or
// 123-4567 — the rest of the number typed as filler — or by 555-1212,
// directory assistance, or 555-1234, the filler films and forms use.
func fillerExchangeRun(d string) (Rule, bool) {
	rest := d[3:]
	switch rest {
	case "5551212":
		return Rule{"directory-assistance", fmt.Sprintf("%s-555-1212 is directory assistance, not anyone's phone", d[:3])}, true
	case "5551234":
		return Rule{"filler-line", "555-1234 is the stock fake number of films and forms"}, true
	}
	if strings.Count(rest, rest[:1]) == len(rest) {
		return Rule{"filler-line", fmt.Sprintf("%s-%s repeats one digit after the area code, a common filler", rest[:3], rest[3:])}, true
	}
	if rest == "1234567" || rest == "7654321" {
		return Rule{"filler-line", fmt.Sprintf("%s-%s counts up or down after the area code, a common filler", rest[:3], rest[3:])}, true
	}
	return Rule{}, false
}

// nonexistentAreaCode: an area code with no valid numbers anywhere in the
// numbering plan (such as 200 or 299) is filler, whatever follows it.
func nonexistentAreaCode(d string) (Rule, bool) {
	if !phone.AreaCodeInService(d[:3]) {
		return Rule{"nonexistent-area-code", fmt.Sprintf("area code %s has no phone numbers in service", d[:3])}, true
	}
	return Rule{}, false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
