package phone

import (
	"sync"

	"github.com/nyaruka/phonenumbers"
)

var areaCodes sync.Map // NPA -> bool

// AreaCodeInService reports whether the numbering plan has any valid number,
// in any NANP country, in the area code npa ("512"). An area code with none
// is typed only as filler, so placeholder detection treats it as one. The
// answer comes from libphonenumber's data, probing one line number in each
// exchange, and is cached per area code.
func AreaCodeInService(npa string) bool {
	if len(npa) != 3 || npa[0] < '2' || npa[0] > '9' || npa[1] < '0' || npa[1] > '9' || npa[2] < '0' || npa[2] > '9' {
		return false
	}
	if v, ok := areaCodes.Load(npa); ok {
		return v.(bool)
	}
	in := false
	var pn phonenumbers.PhoneNumber
	for nxx := 200; nxx <= 999 && !in; nxx++ {
		national := npa + string(rune('0'+nxx/100)) + string(rune('0'+nxx/10%10)) + string(rune('0'+nxx%10)) + "2345"
		if err := phonenumbers.ParseToNumber("+1"+national, "US", &pn); err == nil && phonenumbers.IsValidNumber(&pn) {
			in = true
		}
	}
	areaCodes.Store(npa, in)
	return in
}
