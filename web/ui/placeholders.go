package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"reach"
	"reach/app"
)

// placeholdersPage is the manager's clean-up screen: the placeholder and
// suspect values stored, the tenant's own list, and the suspect threshold.
type placeholdersPage struct {
	frame
	Report app.Report
	From   int
	List   []reach.Placeholder
	// New is the add-to-list form as typed, with its problems.
	New    app.PlaceholderInput
	Errors map[string]string
}

// reportPageSize is how many values the clean-up screen lists at once.
const reportPageSize = 50

func (u *ui) placeholders(w http.ResponseWriter, r *http.Request) {
	from, _ := strconv.Atoi(r.URL.Query().Get("from"))
	p := &placeholdersPage{frame: u.frameFor(r, "Placeholders", "placeholders"), From: max(from, 0), New: app.PlaceholderInput{Kind: reach.KindPhone}}
	u.showPlaceholders(w, r, p, http.StatusOK)
}

func (u *ui) showPlaceholders(w http.ResponseWriter, r *http.Request, p *placeholdersPage, status int) {
	ctx, actor := r.Context(), actorOf(r)
	var err error
	if p.Report, err = u.app.PlaceholderReport(ctx, actor, p.From, reportPageSize); err != nil {
		u.fail(w, r, err)
		return
	}
	if p.List, err = u.app.Placeholders(ctx, actor); err != nil {
		u.fail(w, r, err)
		return
	}
	u.render(w, r, status, "placeholders", p)
}

// cleanup removes the chosen values, or every placeholder, from every record
// holding them — one change, undone in one click.
func (u *ui) cleanup(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	in := app.CleanupInput{Values: r.PostForm["values"], AllPlaceholders: r.PostFormValue("all") == "1"}
	res, err := u.app.CleanupPlaceholders(r.Context(), actorOf(r), in, nil)
	if err != nil {
		u.flashFailure(w, r, "/placeholders", err)
		return
	}
	msg := fmt.Sprintf("Removed %d contact method(s) from %d record(s).", res.Removed, res.Records)
	if res.Removed == 0 {
		msg = "Nothing to remove: no record holds those values."
	}
	u.redirect(w, r, "/placeholders", msg, res.ChangeID)
}

// addPlaceholder documents one of the business's own fillers or numbers.
func (u *ui) addPlaceholder(w http.ResponseWriter, r *http.Request) {
	in := app.PlaceholderInput{Kind: reach.Kind(r.PostFormValue("kind")), Value: r.PostFormValue("value"), Note: r.PostFormValue("note")}
	if _, err := u.app.AddPlaceholder(r.Context(), actorOf(r), in); err != nil {
		if fields := fieldErrors(err); fields != nil {
			p := &placeholdersPage{frame: u.frameFor(r, "Placeholders", "placeholders"), New: in, Errors: fields}
			u.showPlaceholders(w, r, p, http.StatusUnprocessableEntity)
			return
		}
		u.flashFailure(w, r, "/placeholders", err)
		return
	}
	u.redirect(w, r, "/placeholders", in.Value+" is on the list: it is refused on entry from now on.", "")
}

func (u *ui) removePlaceholder(w http.ResponseWriter, r *http.Request) {
	if err := u.app.RemovePlaceholder(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		u.flashFailure(w, r, "/placeholders", err)
		return
	}
	u.redirect(w, r, "/placeholders", "Removed from the list.", "")
}

func (u *ui) setThreshold(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PostFormValue("suspect_threshold"))
	if err != nil {
		u.redirect(w, r, "/placeholders", "Not saved: the threshold is a whole number.", "")
		return
	}
	if _, err := u.app.SetPlaceholderSettings(r.Context(), actorOf(r), app.PlaceholderSettings{SuspectThreshold: n}); err != nil {
		u.flashFailure(w, r, "/placeholders", err)
		return
	}
	u.redirect(w, r, "/placeholders", fmt.Sprintf("A value on more than %d customers is now a suspect.", n), "")
}
