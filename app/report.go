package app

import (
	"context"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"reach"
)

// ReportItem is one placeholder or suspect value with who holds it.
type ReportItem struct {
	Value string `json:"value"`
	// Kind is email, or phone for any number.
	Kind reach.Kind `json:"kind"`
	// Reason is "placeholder" (a rule or the tenant's list marks it) or
	// "suspect" (held by more distinct customers than the threshold).
	Reason    string                 `json:"reason"`
	Rule      *reach.PlaceholderFlag `json:"rule,omitempty"`
	Records   int                    `json:"records"`
	Customers int                    `json:"customers"`
	Sample    []ReportHolder         `json:"sample"`
}

// ReportHolder is one record holding a reported value.
type ReportHolder struct {
	Type         reach.RecordType `json:"type"`
	ID           string           `json:"id"`
	Name         string           `json:"name"`
	CustomerID   string           `json:"customer_id"`
	CustomerName string           `json:"customer_name"`
}

// Report is one page of the placeholder report of a tenant.
type Report struct {
	SuspectThreshold int `json:"suspect_threshold"`
	// Total counts every reported value; Items is the page asked for.
	Total int          `json:"total"`
	Items []ReportItem `json:"items"`
	// Next is the offset of the next page, or 0 at the end.
	Next int `json:"-"`
}

// sampleSize is how many holders each report item shows.
const sampleSize = 5

// PlaceholderReport lists every stored value that is a placeholder by the
// built-in rules or the tenant's list, and every suspect (a value on more
// distinct customers than the tenant's threshold), most widespread first, a
// page at a time (offset, limit; limit 0 means all). It reads each value
// once, from the key index, in one pass; only the page's items get samples.
func (a *App) PlaceholderReport(ctx context.Context, actor reach.Actor, offset, limit int) (Report, error) {
	if err := actor.Require(reach.PermPlaceholdersManage); err != nil {
		return Report{}, err
	}
	var tenant *reach.Tenant
	var rules *placeholderRules
	err := a.view(ctx, actor, func(w *work) (err error) {
		if tenant, err = w.tx.Tenant(ctx, actor.TenantID); err != nil {
			return err
		}
		rules, err = w.placeholders()
		return err
	})
	if err != nil {
		return Report{}, err
	}
	items, err := a.scanValues(ctx, actor, tenant.SuspectThreshold, rules)
	if err != nil {
		return Report{}, err
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Customers != items[j].Customers {
			return items[i].Customers > items[j].Customers
		}
		return items[i].Value < items[j].Value
	})
	rep := Report{SuspectThreshold: tenant.SuspectThreshold, Total: len(items)}
	offset = min(max(offset, 0), rep.Total)
	end := rep.Total
	if limit > 0 && offset+limit < rep.Total {
		end, rep.Next = offset+limit, offset+limit
	}
	rep.Items = append([]ReportItem{}, items[offset:end]...) // [] when there are none, not null
	err = a.sampleHolders(ctx, actor, rep.Items)
	return rep, err
}

// scanRanges split the key space so the report's pass runs on both cores:
// numbers by area code, then emails by first letter. Workers take the next
// range as they finish one, so an uneven tenant still spreads.
var scanRanges = [][2]string{{"", "+14"}, {"+14", "+16"}, {"+16", "+18"}, {"+18", "a"}, {"a", "j"}, {"j", "r"}, {"r", ""}}

// scanValues reads every value of the tenant once and keeps the placeholders
// and suspects.
func (a *App) scanValues(ctx context.Context, actor reach.Actor, threshold int, rules *placeholderRules) ([]ReportItem, error) {
	next := make(chan [2]string, len(scanRanges))
	for _, r := range scanRanges {
		next <- r
	}
	close(next)
	var mu sync.Mutex
	var items []ReportItem
	g, ctx := errgroup.WithContext(ctx)
	for range 2 {
		g.Go(func() error {
			for r := range next {
				found, err := a.scanRange(ctx, actor, r[0], r[1], threshold, rules)
				if err != nil {
					return err
				}
				mu.Lock()
				items = append(items, found...)
				mu.Unlock()
			}
			return nil
		})
	}
	err := g.Wait()
	return items, err
}

func (a *App) scanRange(ctx context.Context, actor reach.Actor, from, to string, threshold int, rules *placeholderRules) ([]ReportItem, error) {
	var items []ReportItem
	var cur ReportItem
	lastCustomer := ""
	flush := func() {
		if cur.Value == "" {
			return
		}
		if flag := rules.check(cur.Kind, cur.Value); flag != nil {
			cur.Reason, cur.Rule = "placeholder", flag
			items = append(items, cur)
		} else if cur.Customers > threshold {
			cur.Reason = "suspect"
			items = append(items, cur)
		}
	}
	err := a.view(ctx, actor, func(w *work) error {
		return w.tx.EachValue(ctx, actor.TenantID, from, to, func(key, customerID string) error {
			if key != cur.Value {
				flush()
				cur, lastCustomer = ReportItem{Value: key, Kind: kindOfKey(key)}, ""
			}
			cur.Records++
			if customerID != lastCustomer {
				cur.Customers++
				lastCustomer = customerID
			}
			return nil
		})
	})
	flush()
	return items, err
}

// kindOfKey tells an email key from a number key.
func kindOfKey(key string) reach.Kind {
	if strings.Contains(key, "@") {
		return reach.KindEmail
	}
	return reach.KindPhone
}

// sampleHolders fills in the first holders of each item, in the order of
// ContactsByKey, a few hundred items to a statement: a statement per item
// spent most of a large report starting statements. The items are shared
// between two transactions, one per core; each holds one chunk's holders at
// a time.
func (a *App) sampleHolders(ctx context.Context, actor reach.Actor, items []ReportItem) error {
	const chunk = 500
	g, ctx := errgroup.WithContext(ctx)
	half := len(items) / 2
	for _, part := range [][]ReportItem{items[:half], items[half:]} {
		g.Go(func() error {
			return a.view(ctx, actor, func(w *work) error {
				for lo := 0; lo < len(part); lo += chunk {
					if err := sampleChunk(ctx, w.tx, actor.TenantID, part[lo:min(lo+chunk, len(part))]); err != nil {
						return err
					}
				}
				return nil
			})
		})
	}
	return g.Wait()
}

func sampleChunk(ctx context.Context, tx reach.Tx, tenantID string, items []ReportItem) error {
	keys := make([]string, len(items))
	at := make(map[string]*ReportItem, len(items))
	for i := range items {
		keys[i], at[items[i].Value] = items[i].Value, &items[i]
		items[i].Sample = []ReportHolder{}
	}
	held, err := tx.HoldersOfKeys(ctx, tenantID, keys)
	for _, h := range held {
		if item := at[h.Key]; item != nil && len(item.Sample) < sampleSize {
			item.Sample = append(item.Sample, ReportHolder{Type: h.Owner.Type, ID: h.Owner.ID, Name: h.RecordName,
				CustomerID: h.CustomerID, CustomerName: h.CustomerName})
		}
	}
	return err
}
