package ui

import (
	"net/http"

	"reach"
)

// recordPage is a customer's or a location's page: who they are, every way
// to reach them, their calls and their history.
type recordPage struct {
	frame
	Ref       reach.RecordRef
	Record    *reach.RecordHeader
	Customer  *reach.Customer    // the record, or the location's customer
	Type      reach.CustomerType // a customer's
	Locations []reach.Location   // a customer's
	Shared    map[string]int     // other records holding each method's value
	Calls     []reach.Call
	History   []historyEntry
	// OlderHistory is the cursor of the changes before those listed.
	OlderHistory string
	CanEdit      bool
}

// recentCalls and recentChanges bound what a record's page lists.
const (
	recentCalls   = 5
	recentChanges = 10
)

func (u *ui) customerPage(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), actorOf(r)
	c, err := u.app.Customer(ctx, actor, r.PathValue("id"))
	if err != nil {
		u.fail(w, r, err)
		return
	}
	p := &recordPage{frame: u.frameFor(r, c.Name, ""), Ref: c.Ref(), Record: &c.RecordHeader, Customer: c, Type: c.Type}
	if p.Locations, err = u.app.ListLocations(ctx, actor, reach.LocationFilter{CustomerID: c.ID, Limit: 200}); err != nil {
		u.fail(w, r, err)
		return
	}
	u.fillRecord(w, r, p, c)
}

func (u *ui) locationPage(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), actorOf(r)
	l, err := u.app.Location(ctx, actor, r.PathValue("id"))
	if err != nil {
		u.fail(w, r, err)
		return
	}
	c, err := u.app.Customer(ctx, actor, l.CustomerID)
	if err != nil {
		u.fail(w, r, err)
		return
	}
	p := &recordPage{frame: u.frameFor(r, l.Name, ""), Ref: l.Ref(), Record: &l.RecordHeader, Customer: c}
	u.fillRecord(w, r, p, l)
}

// fillRecord adds what both pages show of their record, and renders.
func (u *ui) fillRecord(w http.ResponseWriter, r *http.Request, p *recordPage, rec reach.Record) {
	ctx, actor := r.Context(), p.Actor
	var err error
	if p.Shared, err = u.app.SharedWith(ctx, actor, rec); err != nil {
		u.fail(w, r, err)
		return
	}
	if actor.Can(reach.PermCallsView) {
		f := reach.CallFilter{CustomerID: p.Customer.ID, Limit: recentCalls}
		if p.Calls, err = u.app.ListCalls(ctx, actor, f); err != nil {
			u.fail(w, r, err)
			return
		}
	}
	if actor.Can(reach.PermAuditView) {
		older := r.URL.Query().Get("history") // a cursor: the page of older changes
		items, next, err := u.app.History(ctx, actor, p.Ref, older, recentChanges)
		if err != nil {
			u.fail(w, r, err)
			return
		}
		p.History, p.OlderHistory = historyOf(items), next
		if older != "" {
			for i := range p.History {
				p.History[i].Undo = false // only the latest change is undone from here
			}
		}
	}
	p.CanEdit = actor.Can(p.Ref.Type.EditPermission())
	u.render(w, r, http.StatusOK, "record", p)
}
