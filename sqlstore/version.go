package sqlstore

import (
	"context"
	"database/sql"

	"reach"
)

// checkVersioned interprets a version-conditional UPDATE: one row means it
// applied; none means the record is gone (not found) or moved on (conflict).
func (t *tx) checkVersioned(ctx context.Context, res sql.Result, table, what, tenantID, id string, expect int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 1 {
		return nil
	}
	var have int64
	err = t.queryRow(ctx, `SELECT version FROM `+table+` WHERE tenant_id = ? AND id = ?`, tenantID, id).Scan(&have)
	if err != nil {
		return notFound(err, what, id)
	}
	return reach.VersionConflict(what, id, have, expect)
}
