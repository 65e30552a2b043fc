package sqlstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// copyRows is the fewest rows a PostgreSQL write loads with COPY rather than
// multi-row INSERTs: COPY streams rows without a statement to parse and
// plan, but costs a round trip to learn the table's column types first.
const copyRows = 1000

// copy writes n rows into table with PostgreSQL's COPY, on the transaction's
// own connection and so inside it; row(i, dst) appends row i's values.
func (l *bulkLoader) copy(ctx context.Context, table bulkTable, n int, row func(i int, dst []any) []any) error {
	err := l.t.conn.Raw(func(driverConn any) error {
		conn := driverConn.(*stdlib.Conn).Conn()
		i := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			if i == n {
				return nil, nil
			}
			i++
			return row(i-1, make([]any, 0, len(table.columns))), nil
		})
		_, err := conn.CopyFrom(ctx, pgx.Identifier{table.name}, table.columns, src)
		return err
	})
	if err != nil {
		return l.t.d.translate(fmt.Errorf("copy into %s: %w", table.name, err))
	}
	return nil
}
