package api

import (
	"net/http"

	"reach"
	"reach/app"
)

func (a *api) createUser(r *http.Request) (reply, error) {
	var in app.UserInput
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	u, err := a.app.CreateUser(r.Context(), actor(r), in)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: u, version: u.Version, location: "/api/v1/users/" + u.ID}, nil
}

func (a *api) listUsers(r *http.Request) (reply, error) {
	q := newQuery(r, "limit", "cursor")
	limit, after := q.limit(), q.cursor()
	if err := q.err(); err != nil {
		return reply{}, err
	}
	us, err := a.app.ListUsers(r.Context(), actor(r), after, limit)
	if err != nil {
		return reply{}, err
	}
	next := ""
	if len(us) == limit {
		next = q.next(us[len(us)-1].ID)
	}
	return reply{body: pageOf(us, next)}, nil
}

func (a *api) getUser(r *http.Request) (reply, error) {
	u, err := a.app.User(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return reply{body: u, version: u.Version}, nil
}

func (a *api) updateUser(r *http.Request) (reply, error) {
	var in struct {
		app.UserPatch
		versionBody
	}
	base, err := decodeWrite(r, &in, &in.versionBody)
	if err != nil {
		return reply{}, err
	}
	u, err := a.app.UpdateUser(r.Context(), actor(r), r.PathValue("id"), in.UserPatch, base)
	if err != nil {
		return reply{}, err
	}
	return reply{body: u, version: u.Version}, nil
}

func (a *api) createToken(r *http.Request) (reply, error) {
	var in app.TokenInput
	if err := decodeOptional(r, &in); err != nil {
		return reply{}, err
	}
	t, err := a.app.CreateToken(r.Context(), actor(r), r.PathValue("id"), in)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: t}, nil
}

func (a *api) listTokens(r *http.Request) (reply, error) {
	ts, err := a.app.Tokens(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return reply{body: pageOf(ts, "")}, nil
}

func (a *api) revokeToken(r *http.Request) (reply, error) {
	if err := a.app.RevokeToken(r.Context(), actor(r), r.PathValue("id")); err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusNoContent}, nil
}

func (a *api) setPassword(r *http.Request) (reply, error) {
	var in struct {
		Password *string `json:"password"`
	}
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	if in.Password == nil {
		return reply{}, reach.Invalid("password", reach.EREQUIRED, "password is required.")
	}
	if err := a.app.SetPassword(r.Context(), actor(r), r.PathValue("id"), *in.Password); err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusNoContent}, nil
}
