package app

import (
	"context"

	"reach"
	"reach/phone"
)

// CallerID is who a calling number belongs to.
type CallerID struct {
	// Number is the caller in E.164, or as received when it is not a phone
	// number (anonymous, client:alice, sip:…).
	Number  string        `json:"number"`
	Matches []CallerMatch `json:"matches"`
	// phone says Number is a domestic E.164 number.
	phone bool
}

// CallerMatch is one record holding the calling number.
type CallerMatch struct {
	Record        CallerRecord   `json:"record"`
	Customer      CandidateOwner `json:"customer"`
	ContactMethod CallerMethod   `json:"contact_method"`
}

// CallerRecord names the record a call matched.
type CallerRecord struct {
	Type   reach.RecordType `json:"type"`
	ID     string           `json:"id"`
	Name   string           `json:"name"`
	Active bool             `json:"active"`
}

// CallerMethod is the contact method a call matched.
type CallerMethod struct {
	ID   string     `json:"id"`
	Kind reach.Kind `json:"kind"`
	Memo string     `json:"memo"`
}

// LookupCaller finds every record holding the calling number — exactly, in
// E.164, never by its last digits — active records first, then the most
// recently changed. An extension on the call is ignored. A caller that is not
// a domestic phone number (withheld, a client or SIP identity, abroad)
// matches nothing and is not an error: the phone still rings.
func (a *App) LookupCaller(ctx context.Context, actor reach.Actor, number string) (CallerID, error) {
	if err := actor.Require(reach.PermCallsView); err != nil {
		return CallerID{}, err
	}
	out := CallerID{Number: number, Matches: []CallerMatch{}}
	n, err := phone.Parse(number)
	if err != nil {
		return out, nil
	}
	out.Number, out.phone = n.E164, true
	held, err := a.store.CallersOf(ctx, actor.TenantID, n.E164)
	for _, h := range held {
		out.Matches = append(out.Matches, CallerMatch{
			Record:        CallerRecord{Type: h.Owner.Type, ID: h.Owner.ID, Name: h.RecordName, Active: h.RecordActive},
			Customer:      CandidateOwner{ID: h.CustomerID, Name: h.CustomerName},
			ContactMethod: CallerMethod{ID: h.MethodID, Kind: h.Kind, Memo: h.Memo},
		})
	}
	return out, err
}
