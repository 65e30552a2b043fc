package ui

import (
	"encoding/json"
	"net/http"

	"reach"
	"reach/app"
)

// callsPage lists recent calls, each with what its number matched and the
// record it is linked to, or the choices to link it.
type callsPage struct {
	frame
	Calls []callView
}

type callView struct {
	reach.Call
	Matches []app.CallerMatch
}

// LinkedName names the record the call is linked to, as its matches knew
// it ("" when the agent linked it to a record the number did not match).
func (v callView) LinkedName() string {
	if v.Link == nil {
		return ""
	}
	for _, m := range v.Matches {
		if m.Record.ID == v.Link.ID {
			return m.Record.Name
		}
		if m.Customer.ID == v.Link.ID {
			return m.Customer.Name
		}
	}
	return ""
}

// recentCallsListed bounds the calls page.
const recentCallsListed = 50

func (u *ui) calls(w http.ResponseWriter, r *http.Request) {
	calls, err := u.app.ListCalls(r.Context(), actorOf(r), reach.CallFilter{Limit: recentCallsListed})
	if err != nil {
		u.fail(w, r, err)
		return
	}
	p := &callsPage{frame: u.frameFor(r, "Calls", "calls")}
	for _, c := range calls {
		v := callView{Call: c}
		_ = json.Unmarshal(c.Matches, &v.Matches)
		p.Calls = append(p.Calls, v)
	}
	u.render(w, r, http.StatusOK, "calls", p)
}

// linkCall links a call to the record the agent chose, and opens it.
func (u *ui) linkCall(w http.ResponseWriter, r *http.Request) {
	in := app.LinkInput{CustomerID: r.PostFormValue("customer_id"), LocationID: r.PostFormValue("location_id")}
	c, err := u.app.LinkCall(r.Context(), actorOf(r), r.PathValue("id"), in)
	if err != nil {
		u.fail(w, r, err)
		return
	}
	u.redirect(w, r, recordURL(c.Link.Type, c.Link.ID), "The call is linked to this record.", "")
}
