package api

import (
	"net/http"

	"reach"
)

// route is one operation of the API.
type route struct {
	pattern string
	handler http.Handler
	// public routes need no credential; creates routes take an
	// Idempotency-Key.
	public, creates bool
}

// routes lists every operation; openapi.yaml documents each one.
func (a *api) routes() []route {
	customer, location := recordRef(reach.RecordCustomer), recordRef(reach.RecordLocation)
	return []route{
		{pattern: "GET /api/v1/openapi.json", handler: a.srv.NoQuery(http.HandlerFunc(serveOpenAPI)), public: true},

		{pattern: "POST /api/v1/users", handler: a.serve(a.createUser), creates: true},
		{pattern: "GET /api/v1/users", handler: a.serveQuery(a.listUsers)},
		{pattern: "GET /api/v1/users/{id}", handler: a.serve(a.getUser)},
		{pattern: "PATCH /api/v1/users/{id}", handler: a.serve(a.updateUser)},
		{pattern: "PUT /api/v1/users/{id}/password", handler: a.serve(a.setPassword)},
		{pattern: "POST /api/v1/users/{id}/deactivate", handler: a.serve(setActive(false, a.app.SetUserActive, userVersion))},
		{pattern: "POST /api/v1/users/{id}/reactivate", handler: a.serve(setActive(true, a.app.SetUserActive, userVersion))},
		{pattern: "POST /api/v1/users/{id}/tokens", handler: a.serve(a.createToken), creates: true},
		{pattern: "GET /api/v1/users/{id}/tokens", handler: a.serve(a.listTokens)},
		{pattern: "DELETE /api/v1/tokens/{id}", handler: a.serve(a.revokeToken)},

		{pattern: "POST /api/v1/customers", handler: a.serve(a.createCustomer), creates: true},
		{pattern: "GET /api/v1/customers", handler: a.serveQuery(a.listCustomers)},
		{pattern: "GET /api/v1/customers/{id}", handler: a.serve(a.getCustomer)},
		{pattern: "PATCH /api/v1/customers/{id}", handler: a.serve(a.updateCustomer)},
		{pattern: "POST /api/v1/customers/{id}/deactivate", handler: a.serve(setActive(false, a.app.SetCustomerActive, customerVersion))},
		{pattern: "POST /api/v1/customers/{id}/reactivate", handler: a.serve(setActive(true, a.app.SetCustomerActive, customerVersion))},
		{pattern: "POST /api/v1/customers/{id}/locations", handler: a.serve(a.createLocation), creates: true},
		{pattern: "GET /api/v1/customers/{id}/locations", handler: a.serveQuery(a.listLocations)},
		{pattern: "GET /api/v1/locations/{id}", handler: a.serve(a.getLocation)},
		{pattern: "PATCH /api/v1/locations/{id}", handler: a.serve(a.updateLocation)},
		{pattern: "POST /api/v1/locations/{id}/deactivate", handler: a.serve(setActive(false, a.app.SetLocationActive, locationVersion))},
		{pattern: "POST /api/v1/locations/{id}/reactivate", handler: a.serve(setActive(true, a.app.SetLocationActive, locationVersion))},

		{pattern: "POST /api/v1/customers/{id}/contact-methods", handler: a.serve(a.addContactMethod(customer)), creates: true},
		{pattern: "PUT /api/v1/customers/{id}/contact-methods", handler: a.serve(a.saveContactMethods(customer, false))},
		{pattern: "POST /api/v1/customers/{id}/contact-methods/preview", handler: a.serve(a.saveContactMethods(customer, true))},
		{pattern: "POST /api/v1/locations/{id}/contact-methods", handler: a.serve(a.addContactMethod(location)), creates: true},
		{pattern: "PUT /api/v1/locations/{id}/contact-methods", handler: a.serve(a.saveContactMethods(location, false))},
		{pattern: "POST /api/v1/locations/{id}/contact-methods/preview", handler: a.serve(a.saveContactMethods(location, true))},
		{pattern: "GET /api/v1/contact-methods/{id}", handler: a.serve(a.getContactMethod)},
		{pattern: "PATCH /api/v1/contact-methods/{id}", handler: a.serve(a.changeContactMethod(false, false))},
		{pattern: "DELETE /api/v1/contact-methods/{id}", handler: a.serve(a.changeContactMethod(true, false))},
		{pattern: "POST /api/v1/contact-methods/{id}/preview", handler: a.serve(a.changeContactMethod(false, true))},
		{pattern: "POST /api/v1/validate", handler: a.serve(a.validate)},

		{pattern: "GET /api/v1/search", handler: a.serveQuery(a.search)},

		{pattern: "GET /api/v1/customers/{id}/changes", handler: a.serveQuery(a.history(customer))},
		{pattern: "GET /api/v1/locations/{id}/changes", handler: a.serveQuery(a.history(location))},
		{pattern: "GET /api/v1/changes/{id}", handler: a.serve(a.getChange)},
		{pattern: "POST /api/v1/changes/{id}/revert", handler: a.serve(a.revertChange)},

		{pattern: "GET /api/v1/placeholders", handler: a.serve(a.listPlaceholders)},
		{pattern: "POST /api/v1/placeholders", handler: a.serve(a.addPlaceholder)},
		{pattern: "DELETE /api/v1/placeholders/{id}", handler: a.serve(a.removePlaceholder)},
		{pattern: "GET /api/v1/placeholders/report", handler: a.serveQuery(a.placeholderReport)},
		{pattern: "POST /api/v1/placeholders/cleanup", handler: a.serve(a.cleanup)},
		{pattern: "GET /api/v1/settings/placeholders", handler: a.serve(a.getPlaceholderSettings)},
		{pattern: "PUT /api/v1/settings/placeholders", handler: a.serve(a.setPlaceholderSettings)},

		{pattern: "GET /api/v1/caller-id", handler: a.serveQuery(a.callerID)},
		{pattern: "POST /api/v1/calls", handler: a.serve(a.recordCall), creates: true},
		{pattern: "GET /api/v1/calls", handler: a.serveQuery(a.listCalls(false))},
		{pattern: "GET /api/v1/calls/stream", handler: http.HandlerFunc(a.streamCalls)},
		{pattern: "GET /api/v1/calls/{id}", handler: a.serve(a.getCall)},
		{pattern: "POST /api/v1/calls/{id}/link", handler: a.serve(a.linkCall)},
		{pattern: "GET /api/v1/customers/{id}/calls", handler: a.serveQuery(a.listCalls(true))},
		{pattern: "GET /api/v1/settings/twilio", handler: a.serve(a.getTwilioSettings)},
		{pattern: "PUT /api/v1/settings/twilio", handler: a.serve(a.setTwilioSettings)},
		{pattern: "POST /webhooks/twilio/voice/{tenant}", handler: a.twilioWebhook(true), public: true},
		{pattern: "POST /webhooks/twilio/status/{tenant}", handler: a.twilioWebhook(false), public: true},
	}
}
