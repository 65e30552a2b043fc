package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"reach"
)

// A cursor is a position in one list of one tenant. It names both, so a
// cursor of the customer list is refused by the call list and one of
// another tenant's list is refused everywhere: a client can never read
// positions it was not given, nor mix lists up unnoticed.

// encodeCursor returns the opaque cursor for position pos of list; "" when
// pos is "" (no next page).
func encodeCursor(list, tenantID, pos string) string {
	if pos == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte("c1\x00" + list + "\x00" + tenantTag(tenantID) + "\x00" + pos))
}

// decodeCursor returns the position a cursor of list holds; "" for no cursor.
func decodeCursor(s, list, tenantID string) (string, error) {
	if s == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.SplitN(string(b), "\x00", 4)
	if err != nil || len(parts) != 4 || parts[0] != "c1" || parts[1] != list || parts[2] != tenantTag(tenantID) || parts[3] == "" {
		return "", reach.Invalid("cursor", reach.EINVALIDVALUE, "The cursor is not one of this list's; pass the next_cursor of this list's previous page.")
	}
	return parts[3], nil
}

// tenantTag identifies a tenant in a cursor without spelling its id.
func tenantTag(tenantID string) string {
	sum := sha256.Sum256([]byte(tenantID))
	return hex.EncodeToString(sum[:6])
}
