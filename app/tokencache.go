package app

import (
	"sync"
	"time"

	"reach"
)

// tokenTTL is how long a checked token is trusted without asking the
// database again. Every API request presents a token, and on caller ID —
// the hottest path — checking it cost as much as the lookup itself. A user
// deactivated or a token deleted in the database stops working on every
// instance within this time.
const tokenTTL = 10 * time.Second

// maxCachedTokens bounds the cache; past it the cache starts over.
const maxCachedTokens = 10000

// tokenCache remembers recently checked tokens by their hash.
type tokenCache struct {
	mu sync.Mutex
	m  map[string]cachedToken
}

type cachedToken struct {
	user    reach.User
	expires time.Time
}

func (c *tokenCache) get(hash string, now time.Time) (reach.User, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.m[hash]
	if !ok || now.After(t.expires) {
		return reach.User{}, false
	}
	return t.user, true
}

func (c *tokenCache) put(hash string, u reach.User, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedTokens {
		c.m = map[string]cachedToken{}
	}
	c.m[hash] = cachedToken{user: u, expires: now.Add(tokenTTL)}
}
