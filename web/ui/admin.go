package ui

import (
	"net/http"
	"strconv"
	"strings"

	"reach"
	"reach/app"
)

// adminPage is the admin's screen: users and their roles, passwords and
// tokens, and the Twilio connection.
type adminPage struct {
	frame
	Users  []reach.User
	Roles  []reach.Role
	New    app.UserInput
	Errors map[string]string
	Twilio *app.TwilioSettingsView
	// Base is where Twilio reaches this server: the public base URL set,
	// or the address this page was asked for.
	Base string
	// TwilioTyped and TwilioErrors are a refused Twilio form, shown again.
	TwilioTyped  *app.TwilioSettingsInput
	TwilioErrors map[string]string
}

// maxUsersListed bounds the users the admin screen shows.
const maxUsersListed = 500

func (u *ui) admin(w http.ResponseWriter, r *http.Request) {
	p := &adminPage{frame: u.frameFor(r, "Admin", "admin"), New: app.UserInput{Role: reach.RoleCSR}}
	u.showAdmin(w, r, p, http.StatusOK)
}

func (u *ui) showAdmin(w http.ResponseWriter, r *http.Request, p *adminPage, status int) {
	ctx, actor := r.Context(), actorOf(r)
	p.Roles = reach.Roles
	if actor.Can(reach.PermUsersManage) {
		var err error
		if p.Users, err = u.app.ListUsers(ctx, actor, "", maxUsersListed); err != nil {
			u.fail(w, r, err)
			return
		}
	}
	if actor.Can(reach.PermSettingsManage) {
		t, err := u.app.GetTwilioSettings(ctx, actor)
		if err != nil {
			u.fail(w, r, err)
			return
		}
		if in := p.TwilioTyped; in != nil {
			t.PublicBaseURL, t.VoiceResponse = in.PublicBaseURL, in.VoiceResponse
		}
		p.Twilio = &t
		p.Base = strings.TrimSuffix(t.PublicBaseURL, "/")
		if p.Base == "" {
			scheme := "http://"
			if r.TLS != nil {
				scheme = "https://"
			}
			p.Base = scheme + r.Host
		}
	}
	if p.Users == nil && p.Twilio == nil {
		u.fail(w, r, actor.Require(reach.PermUsersManage))
		return
	}
	u.render(w, r, status, "admin", p)
}

// createUser adds a user, with a first password when one is given.
func (u *ui) createUser(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), actorOf(r)
	in := app.UserInput{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Role: reach.Role(r.PostFormValue("role")), Password: r.PostFormValue("password")}
	created, err := u.app.CreateUser(ctx, actor, in)
	if err != nil {
		fields := fieldErrors(err)
		if reach.ErrorCode(err) == reach.ECONFLICT { // the one conflict a new user meets: the email is taken
			fields = map[string]string{"email": messageOf(err)}
		}
		if fields != nil {
			in.Password = "" // never shown back
			u.showAdmin(w, r, &adminPage{frame: u.frameFor(r, "Admin", "admin"), New: in, Errors: fields}, http.StatusUnprocessableEntity)
			return
		}
		u.flashFailure(w, r, "/admin", err)
		return
	}
	msg := created.Name + " can be given a password or an API token below."
	if in.Password != "" {
		msg = created.Name + " can sign in now."
	}
	u.redirect(w, r, "/admin", msg, "")
}

// updateUser changes a user's role, based on the version the screen showed.
func (u *ui) updateUser(w http.ResponseWriter, r *http.Request) {
	role := reach.Role(r.PostFormValue("role"))
	base, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	user, err := u.app.UpdateUser(r.Context(), actorOf(r), r.PathValue("id"), app.UserPatch{Role: &role}, base)
	if err != nil {
		u.flashFailure(w, r, "/admin", err)
		return
	}
	u.redirect(w, r, "/admin", user.Name+" is now "+string(user.Role)+".", "")
}

// setUserActive deactivates (ending their sessions and tokens) or
// reactivates a user.
func (u *ui) setUserActive(w http.ResponseWriter, r *http.Request) {
	active := r.PostFormValue("active") == "1"
	base, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	user, err := u.app.SetUserActive(r.Context(), actorOf(r), r.PathValue("id"), active, base)
	if err != nil {
		u.flashFailure(w, r, "/admin", err)
		return
	}
	msg := user.Name + " is deactivated: signed out everywhere, and their API tokens revoked."
	if active {
		msg = user.Name + " is active again; give them a new password or token."
	}
	u.redirect(w, r, "/admin", msg, "")
}

// setPassword sets or resets a user's password, signing them out elsewhere.
func (u *ui) setPassword(w http.ResponseWriter, r *http.Request) {
	if err := u.app.SetPassword(r.Context(), actorOf(r), r.PathValue("id"), r.PostFormValue("password")); err != nil {
		u.flashFailure(w, r, "/admin", err)
		return
	}
	u.redirect(w, r, "/admin", "Password set. Every session of that user has ended: they sign in again with the new password.", "")
}

// tokensPage lists a user's API tokens; Issued is a new token's secret,
// shown this once.
type tokensPage struct {
	frame
	User   *reach.User
	Tokens []reach.Token
	Issued *app.IssuedToken
}

func (u *ui) tokens(w http.ResponseWriter, r *http.Request) {
	u.showTokens(w, r, nil)
}

func (u *ui) showTokens(w http.ResponseWriter, r *http.Request, issued *app.IssuedToken) {
	ctx, actor := r.Context(), actorOf(r)
	user, err := u.app.User(ctx, actor, r.PathValue("id"))
	if err != nil {
		u.fail(w, r, err)
		return
	}
	p := &tokensPage{frame: u.frameFor(r, "API tokens of "+user.Name, "admin"), User: user, Issued: issued}
	if p.Tokens, err = u.app.Tokens(ctx, actor, user.ID); err != nil {
		u.fail(w, r, err)
		return
	}
	u.render(w, r, http.StatusOK, "tokens", p)
}

func (u *ui) createToken(w http.ResponseWriter, r *http.Request) {
	issued, err := u.app.CreateToken(r.Context(), actorOf(r), r.PathValue("id"), app.TokenInput{Name: r.PostFormValue("name")})
	if err != nil {
		u.flashFailure(w, r, "/admin/users/"+r.PathValue("id")+"/tokens", err)
		return
	}
	u.showTokens(w, r, &issued) // the secret is shown here, once, never stored in a redirect
}

func (u *ui) revokeToken(w http.ResponseWriter, r *http.Request) {
	back := "/admin/users/" + r.PostFormValue("user") + "/tokens"
	if err := u.app.RevokeToken(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		u.flashFailure(w, r, back, err)
		return
	}
	u.redirect(w, r, back, "Token revoked: it stops working at once.", "")
}

// setTwilio saves the Twilio connection; an empty auth token keeps the
// stored one.
func (u *ui) setTwilio(w http.ResponseWriter, r *http.Request) {
	in := app.TwilioSettingsInput{AuthToken: r.PostFormValue("auth_token"), PublicBaseURL: r.PostFormValue("public_base_url"), VoiceResponse: r.PostFormValue("voice_response")}
	if _, err := u.app.SetTwilioSettings(r.Context(), actorOf(r), in); err != nil {
		if fields := fieldErrors(err); fields != nil { // shown next to the fields, with what was typed
			u.showAdmin(w, r, &adminPage{frame: u.frameFor(r, "Admin", "admin"), New: app.UserInput{Role: reach.RoleCSR}, TwilioTyped: &in, TwilioErrors: fields}, http.StatusUnprocessableEntity)
			return
		}
		u.flashFailure(w, r, "/admin", err)
		return
	}
	u.redirect(w, r, "/admin", "Twilio settings saved.", "")
}
