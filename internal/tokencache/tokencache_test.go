package tokencache

import (
	"strconv"
	"testing"
	"time"
)

func TestForgetsAfterItsTTL(t *testing.T) {
	const ttl = 10 * time.Second
	c := New[string](ttl)
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	if _, ok := c.Get("h1", t0); ok {
		t.Fatal("an empty cache knows a token")
	}
	c.Put("h1", "ann", t0)
	if v, ok := c.Get("h1", t0.Add(ttl)); !ok || v != "ann" {
		t.Errorf("within the TTL: %q %v", v, ok)
	}
	if _, ok := c.Get("h1", t0.Add(ttl+time.Nanosecond)); ok {
		t.Error("a token is trusted past the TTL: a deactivated user would keep working")
	}
	for i := range maxEntries + 1 {
		c.Put("h"+strconv.Itoa(i), "ann", t0)
	}
	if len(c.m) > maxEntries {
		t.Errorf("the cache holds %d entries, more than %d", len(c.m), maxEntries)
	}
}

func TestForgetDropsAtOnce(t *testing.T) {
	c := New[string](time.Hour)
	now := time.Now()
	c.Put("h1", "ann", now)
	c.Put("h2", "bob", now)
	c.Forget(func(v string) bool { return v == "ann" })
	if _, ok := c.Get("h1", now); ok {
		t.Error("a forgotten entry is still trusted")
	}
	if _, ok := c.Get("h2", now); !ok {
		t.Error("Forget dropped an entry it was not asked to")
	}
}
