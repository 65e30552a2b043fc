package ui

import (
	"net/http"
	"slices"
	"strconv"

	"reach/app"
)

// syncPage is the sync prompt: the values the save replaces or removes, and
// the other records holding each, to update in the same save. Choosing
// another customer's record leads to a confirmation that names them first.
type syncPage struct {
	*editPage
	Changes []syncChange
	// Chosen are the candidates ticked: on the first prompt the same
	// customer's editable ones, afterwards what the agent chose.
	Chosen map[string]bool
	// Pins are the versions of the candidates' records the first prompt
	// showed, carried through the confirmation: a record changed since is
	// refused, not overwritten.
	Pins map[string]int64
	// Confirming is the confirmation step; Others names the other
	// customers it would change.
	Confirming bool
	Others     []string
}

// syncChange is one replaced or removed value with its holders, grouped by
// customer, the edited record's customer first.
type syncChange struct {
	app.ValueChange
	Groups []candidateGroup
}

// candidateGroup is one customer's records holding a value.
type candidateGroup struct {
	Customer   app.CandidateOwner
	Other      bool // another customer than the edited record's
	Candidates []app.Candidate
}

// syncPromptOf builds the prompt from a preview: only values some other
// record holds need one.
func (u *ui) syncPromptOf(r *http.Request, p *editPage, preview app.Edit) *syncPage {
	sp := &syncPage{editPage: p, Chosen: map[string]bool{}, Pins: map[string]int64{}}
	p.Title = "Update other records? – " + p.Record.Name
	asked := r.PostFormValue("action") != "save"
	for _, vc := range preview.Changes {
		if len(vc.Candidates) == 0 {
			continue
		}
		c := syncChange{ValueChange: vc}
		for _, cand := range vc.Candidates {
			i := slices.IndexFunc(c.Groups, func(g candidateGroup) bool { return g.Customer.ID == cand.Customer.ID })
			if i < 0 {
				c.Groups = append(c.Groups, candidateGroup{Customer: cand.Customer, Other: cand.CrossCustomer})
				i = len(c.Groups) - 1
			}
			c.Groups[i].Candidates = append(c.Groups[i].Candidates, cand)
			id := cand.ContactMethodID
			sp.Chosen[id], sp.Pins[id] = cand.Preselected, cand.Record.Version
			if asked {
				sp.Chosen[id] = slices.Contains(r.PostForm["sync"], id)
				if v, err := strconv.ParseInt(r.PostFormValue("v."+id), 10, 64); err == nil && v > 0 {
					sp.Pins[id] = v
				}
			}
		}
		slices.SortStableFunc(c.Groups, func(a, b candidateGroup) int { return boolOrder(a.Other, b.Other) })
		sp.Changes = append(sp.Changes, c)
	}
	return sp
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// chosen reads the syncs the prompt's form asked for: the ticked
// candidates of each value, each pinned to the version the prompt showed.
func (sp *syncPage) chosen() app.SyncOptions {
	var opts app.SyncOptions
	for _, c := range sp.Changes {
		in := app.SyncInput{From: c.From, Versions: map[string]int64{}}
		for _, cand := range c.Candidates {
			if !sp.Chosen[cand.ContactMethodID] { // what may be synced is the app's to say
				continue
			}
			in.Targets = append(in.Targets, cand.ContactMethodID)
			in.Versions[cand.ContactMethodID] = sp.Pins[cand.ContactMethodID]
		}
		if len(in.Targets) > 0 {
			opts.Sync = append(opts.Sync, in)
		}
	}
	return opts
}

// crossChosen reports whether the chosen syncs change another customer's
// records, naming those customers for the confirmation.
func (sp *syncPage) crossChosen(opts app.SyncOptions) bool {
	sp.Others = nil
	for _, c := range sp.Changes {
		for _, g := range c.Groups {
			if !g.Other || slices.Contains(sp.Others, g.Customer.Name) {
				continue
			}
			for _, cand := range g.Candidates {
				if targeted(opts, cand.ContactMethodID) {
					sp.Others = append(sp.Others, g.Customer.Name)
					break
				}
			}
		}
	}
	return len(sp.Others) > 0
}

func targeted(opts app.SyncOptions, id string) bool {
	for _, s := range opts.Sync {
		if slices.Contains(s.Targets, id) {
			return true
		}
	}
	return false
}
