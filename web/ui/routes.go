package ui

import (
	"net/http"

	"reach"
)

// routes lists every page and form action of the UI.
func (u *ui) routes() []route {
	h := func(f http.HandlerFunc) http.Handler { return f }
	return []route{
		{pattern: "GET /signin", handler: h(u.signInPage), public: true},
		{pattern: "POST /signin", handler: h(u.signIn), public: true},
		{pattern: "POST /signout", handler: h(u.signOut)},

		{pattern: "GET /{$}", handler: h(u.search)},
		{pattern: "GET /customers/new", handler: h(u.newCustomer)},
		{pattern: "POST /customers/new", handler: h(u.create)},
		{pattern: "GET /customers/{id}/locations/new", handler: h(u.newLocation)},
		{pattern: "POST /customers/{id}/locations/new", handler: h(u.create)},
		{pattern: "GET /customers/{id}", handler: h(u.customerPage)},
		{pattern: "GET /locations/{id}", handler: h(u.locationPage)},
		{pattern: "POST /changes/{id}/revert", handler: h(u.revert)},
		{pattern: "GET /placeholders", handler: h(u.placeholders)},
		{pattern: "POST /placeholders/cleanup", handler: h(u.cleanup)},
		{pattern: "POST /placeholders/list", handler: h(u.addPlaceholder)},
		{pattern: "POST /placeholders/list/{id}/delete", handler: h(u.removePlaceholder)},
		{pattern: "POST /placeholders/settings", handler: h(u.setThreshold)},
		{pattern: "GET /admin", handler: h(u.admin)},
		{pattern: "POST /admin/users", handler: h(u.createUser)},
		{pattern: "POST /admin/users/{id}", handler: h(u.updateUser)},
		{pattern: "POST /admin/users/{id}/active", handler: h(u.setUserActive)},
		{pattern: "POST /admin/users/{id}/password", handler: h(u.setPassword)},
		{pattern: "GET /admin/users/{id}/tokens", handler: h(u.tokens)},
		{pattern: "POST /admin/users/{id}/tokens", handler: h(u.createToken)},
		{pattern: "POST /admin/tokens/{id}/revoke", handler: h(u.revokeToken)},
		{pattern: "POST /admin/twilio", handler: h(u.setTwilio)},
		{pattern: "GET /calls", handler: h(u.calls)},
		{pattern: "POST /calls/{id}/link", handler: h(u.linkCall)},
		{pattern: "GET /customers/{id}/contact-methods", handler: u.editForm(refOf(reach.RecordCustomer))},
		{pattern: "POST /customers/{id}/contact-methods", handler: u.editSubmit(refOf(reach.RecordCustomer))},
		{pattern: "GET /locations/{id}/contact-methods", handler: u.editForm(refOf(reach.RecordLocation))},
		{pattern: "POST /locations/{id}/contact-methods", handler: u.editSubmit(refOf(reach.RecordLocation))},
	}
}
