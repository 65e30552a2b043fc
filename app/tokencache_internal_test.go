package app

import (
	"strconv"
	"testing"
	"time"

	"reach"
)

func TestTokenCacheForgetsAfterItsTTL(t *testing.T) {
	var c tokenCache
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	ann := reach.User{ID: "u1", TenantID: "t1", Role: reach.RoleCSR, Active: true}
	if _, ok := c.get("h1", t0); ok {
		t.Fatal("an empty cache knows a token")
	}
	c.put("h1", ann, t0)
	if u, ok := c.get("h1", t0.Add(tokenTTL)); !ok || u != ann {
		t.Errorf("within the TTL: %+v %v", u, ok)
	}
	if _, ok := c.get("h1", t0.Add(tokenTTL+time.Nanosecond)); ok {
		t.Error("a token is trusted past the TTL: a deactivated user would keep working")
	}
	for i := range maxCachedTokens + 1 {
		c.put("h"+strconv.Itoa(i), ann, t0)
	}
	if len(c.m) > maxCachedTokens {
		t.Errorf("the cache holds %d tokens, more than %d", len(c.m), maxCachedTokens)
	}
}
