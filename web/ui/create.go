package ui

import (
	"errors"
	"net/http"
	"strings"

	"reach"
	"reach/app"
	"reach/web"
)

// createPage is the form for a new customer, or a new location of one.
type createPage struct {
	frame
	Location bool            // a location of Customer, else a customer
	Customer *reach.Customer // a location's customer
	Name     string
	Type     reach.CustomerType
	Address  reach.Address
	Rows     []editRow
	// Call is the unmatched call the customer is created from, linked to
	// them once created.
	Call   string
	Errors map[string]string // by field: name, type, address.street, …
	Error  string
}

// NumberKinds lists the kinds a number's row switches between.
func (createPage) NumberKinds() []reach.Kind { return numberKinds }

// newCustomer shows the form, with the number of an unmatched call already
// in it when it comes from the call pop.
func (u *ui) newCustomer(w http.ResponseWriter, r *http.Request) {
	if err := actorOf(r).Require(reach.PermCustomerEdit); err != nil {
		u.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	p := &createPage{frame: u.frameFor(r, "New customer", ""), Type: reach.Residential, Call: q.Get("call"),
		Rows: []editRow{{Index: 0, Kind: reach.KindMobile, Value: q.Get("phone")}, {Index: 1, Kind: reach.KindEmail}}}
	if phone := q.Get("phone"); phone != "" {
		p.Rows[0].Value = national(phone)
		if p.Rows[0].Value == "" {
			p.Rows[0].Value = phone
		}
	}
	u.render(w, r, http.StatusOK, "create", p)
}

func (u *ui) newLocation(w http.ResponseWriter, r *http.Request) {
	c, err := u.app.Customer(r.Context(), actorOf(r), r.PathValue("id"))
	if err == nil {
		err = actorOf(r).Require(reach.PermLocationEdit)
	}
	if err != nil {
		u.fail(w, r, err)
		return
	}
	p := &createPage{frame: u.frameFor(r, "New location of "+c.Name, ""), Location: true, Customer: c,
		Rows: []editRow{{Index: 0, Kind: reach.KindPhone}}}
	u.render(w, r, http.StatusOK, "create", p)
}

// create handles the form's buttons: adding a row, or creating.
func (u *ui) create(w http.ResponseWriter, r *http.Request) {
	p := &createPage{frame: u.frameFor(r, "New customer", ""), Name: r.PostFormValue("name"), Type: reach.CustomerType(r.PostFormValue("type")),
		Call: r.PostFormValue("call"), Rows: rowsFromForm(r), Address: reach.Address{
			Street: r.PostFormValue("address.street"), Unit: r.PostFormValue("address.unit"), City: r.PostFormValue("address.city"),
			State: r.PostFormValue("address.state"), Zip: r.PostFormValue("address.zip")}}
	if id := r.PathValue("id"); id != "" {
		c, err := u.app.Customer(r.Context(), actorOf(r), id)
		if err != nil {
			u.fail(w, r, err)
			return
		}
		p.Location, p.Customer, p.Title = true, c, "New location of "+c.Name
	}
	if kind, ok := strings.CutPrefix(r.PostFormValue("action"), "add-"); ok {
		p.Rows = append(p.Rows, editRow{Index: len(p.Rows), Kind: reach.Kind(kind)})
		u.render(w, r, http.StatusOK, "create", p)
		return
	}
	methods, rowOf := inputs(p.Rows)
	ctx, actor := r.Context(), actorOf(r)
	var created reach.Record
	var err error
	if p.Location {
		created, err = u.app.CreateLocation(ctx, actor, p.Customer.ID, app.LocationInput{Name: p.Name, Address: p.Address, ContactMethods: methods})
	} else {
		created, err = u.app.CreateCustomer(ctx, actor, app.CustomerInput{Name: p.Name, Type: p.Type, Address: p.Address, ContactMethods: methods})
	}
	if err != nil {
		u.createProblem(w, r, p, rowOf, err)
		return
	}
	msg := "Created."
	if p.Call != "" {
		link := app.LinkInput{CustomerID: created.Ref().ID}
		if p.Location {
			link = app.LinkInput{LocationID: created.Ref().ID}
		}
		if _, err := u.app.LinkCall(ctx, actor, p.Call, link); err != nil {
			msg = "Created, but the call could not be linked: " + messageOf(err)
		} else {
			msg = "Created, and the call linked to them."
		}
	}
	u.redirect(w, r, recordURL(created.Ref().Type, created.Ref().ID), msg, "")
}

// createProblem shows a refused creation with each message by its field.
func (u *ui) createProblem(w http.ResponseWriter, r *http.Request, p *createPage, rowOf []int, err error) {
	var e *reach.Error
	if web.StatusOf(err) >= 500 || reach.ErrorCode(err) == reach.EFORBIDDEN || !errors.As(err, &e) {
		u.fail(w, r, err)
		return
	}
	p.Errors = map[string]string{}
	placeFieldErrors(p.Rows, rowOf, e.Fields)
	for _, f := range e.Fields {
		if !strings.HasPrefix(f.Field, "contact_methods[") {
			if _, taken := p.Errors[f.Field]; !taken {
				p.Errors[f.Field] = f.Message
			}
		}
	}
	p.Error = "Some details can't be saved as they are; see the messages below."
	if len(e.Fields) == 0 {
		p.Error = e.Message
	}
	u.render(w, r, http.StatusUnprocessableEntity, "create", p)
}
