package api_test

import (
	"testing"

	"reach"
)

// TestEveryReadAnswersOnAnEmptyAccount reads every list and setting of an
// account that holds nothing yet: each answers as the document says —
// empty lists are [], never null.
func TestEveryReadAnswersOnAnEmptyAccount(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	for _, path := range []string{
		"/api/v1/customers", "/api/v1/search?q=nobody", "/api/v1/calls", "/api/v1/placeholders",
		"/api/v1/placeholders/report", "/api/v1/settings/placeholders", "/api/v1/settings/twilio",
	} {
		e.must(200, "admin", "GET", path, nil)
	}
}

// TestTheLessTravelledRoutes walks the routes the feature tests pass by —
// reading one method or user, a location's preview and its deactivation,
// deleting a documented placeholder — so each of their answers, too, is
// checked against the document.
func TestTheLessTravelledRoutes(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer(obj{"name": "Tour Customer"})
	l := e.location(c.ID, obj{"name": "Tour Site", "contact_methods": arr{obj{"value": "512-867-5309", "memo": "Site"}}})
	m := l.ContactMethods[0]
	e.must(200, "csr", "GET", "/api/v1/contact-methods/"+m.ID, nil)
	e.must(200, "admin", "GET", "/api/v1/users/"+e.users["csr"], nil)
	e.must(200, "csr", "POST", "/api/v1/locations/"+l.ID+"/contact-methods/preview",
		obj{"contact_methods": arr{obj{"id": m.ID, "value": "512-867-5310", "memo": "Site"}}})
	var got reach.Location
	e.must(200, "csr", "POST", "/api/v1/locations/"+l.ID+"/deactivate", nil, ifMatch(1)...).Decode(t, &got)
	if got.Active {
		t.Error("the location is still active")
	}
	e.must(200, "csr", "POST", "/api/v1/locations/"+l.ID+"/reactivate", nil, ifMatch(2)...)
	var ph reach.Placeholder
	e.must(201, "admin", "POST", "/api/v1/placeholders", obj{"kind": "phone", "value": "(512) 444-0101", "note": "our office"}).Decode(t, &ph)
	e.must(204, "admin", "DELETE", "/api/v1/placeholders/"+ph.ID, nil)
}
