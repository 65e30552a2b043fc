package reach

import "time"

// Login is what signing in checks of a user.
type Login struct {
	User User
	// PasswordHash is the user's password in PHC form; "" when none is set,
	// and then the user can't sign in (only use API tokens).
	PasswordHash string
	// SessionsAfter voids every session signed in before it: deactivating
	// the user or setting their password moves it to now. Zero when no
	// session has been voided.
	SessionsAfter time.Time
}
