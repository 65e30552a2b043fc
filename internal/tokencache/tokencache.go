// Package tokencache remembers recently checked credentials for a short
// time. Every API request presents a token, and on caller ID — the hottest
// path — checking it against the database cost as much as the lookup
// itself.
package tokencache

import (
	"sync"
	"time"
)

// maxEntries bounds the cache; past it the cache starts over.
const maxEntries = 10000

// Cache maps a credential's hash to what it stood for when last checked,
// for TTL. The zero value is not usable; call New.
type Cache[V any] struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]entry[V]
}

type entry[V any] struct {
	v       V
	expires time.Time
}

// New returns a cache trusting each entry for ttl.
func New[V any](ttl time.Duration) *Cache[V] {
	return &Cache[V]{ttl: ttl, m: map[string]entry[V]{}}
}

// Get returns the entry for key if it was put less than the TTL before now.
func (c *Cache[V]) Get(key string, now time.Time) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || now.After(e.expires) {
		var zero V
		return zero, false
	}
	return e.v, true
}

// Put remembers v for key from now on.
func (c *Cache[V]) Put(key string, v V, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxEntries {
		c.m = map[string]entry[V]{}
	}
	c.m[key] = entry[V]{v: v, expires: now.Add(c.ttl)}
}

// Forget drops every entry drop reports true for, so a credential revoked on
// this instance stops working here at once rather than after the TTL.
func (c *Cache[V]) Forget(drop func(V) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if drop(e.v) {
			delete(c.m, k)
		}
	}
}
