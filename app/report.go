package app

import (
	"context"
	"sort"
	"strings"

	"reach"
)

// ReportItem is one placeholder or suspect value with who holds it.
type ReportItem struct {
	Value string     `json:"value"`
	Kind  reach.Kind `json:"kind" doc:"email, or phone for any number"`
	// Reason is "placeholder" (a rule or the tenant's list marks it) or
	// "suspect" (held by more distinct customers than the threshold).
	Reason    string                 `json:"reason" enum:"placeholder,suspect"`
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

// Report is the placeholder report of a tenant.
type Report struct {
	SuspectThreshold int          `json:"suspect_threshold"`
	Items            []ReportItem `json:"items"`
}

// sampleSize is how many holders each report item shows.
const sampleSize = 5

// PlaceholderReport lists every stored value that is a placeholder by the
// built-in rules or the tenant's list, and every suspect (a value on more
// distinct customers than the tenant's threshold), most widespread first.
// It reads each value once, from the key index, in one pass.
func (a *App) PlaceholderReport(ctx context.Context, actor reach.Actor) (Report, error) {
	if err := actor.Require(reach.PermPlaceholdersManage); err != nil {
		return Report{}, err
	}
	var rep Report
	err := a.read(ctx, func(tx reach.Tx) error {
		tenant, err := tx.Tenant(ctx, actor.TenantID)
		if err != nil {
			return err
		}
		rules, err := loadPlaceholderRules(ctx, tx, actor.TenantID)
		if err != nil {
			return err
		}
		rep = Report{SuspectThreshold: tenant.SuspectThreshold, Items: []ReportItem{}}
		var cur ReportItem
		lastCustomer := ""
		flush := func() {
			if cur.Value == "" {
				return
			}
			if flag := rules.check(cur.Kind, cur.Value); flag != nil {
				cur.Reason, cur.Rule = "placeholder", flag
				rep.Items = append(rep.Items, cur)
			} else if cur.Customers > tenant.SuspectThreshold {
				cur.Reason = "suspect"
				rep.Items = append(rep.Items, cur)
			}
		}
		err = tx.EachValue(ctx, actor.TenantID, func(key, customerID string) error {
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
		if err != nil {
			return err
		}
		flush()
		sort.SliceStable(rep.Items, func(i, j int) bool { return rep.Items[i].Customers > rep.Items[j].Customers })
		for i := range rep.Items {
			if rep.Items[i].Sample, err = holdersSample(ctx, tx, actor.TenantID, rep.Items[i].Value); err != nil {
				return err
			}
		}
		return nil
	})
	return rep, err
}

// kindOfKey tells an email key from a number key.
func kindOfKey(key string) reach.Kind {
	if strings.Contains(key, "@") {
		return reach.KindEmail
	}
	return reach.KindPhone
}

func holdersSample(ctx context.Context, tx reach.Tx, tenantID, key string) ([]ReportHolder, error) {
	held, err := tx.ContactsByKey(ctx, tenantID, key)
	if err != nil {
		return nil, err
	}
	out := []ReportHolder{}
	for _, h := range held {
		if len(out) == sampleSize {
			break
		}
		out = append(out, ReportHolder{Type: h.Owner.Type, ID: h.Owner.ID, Name: h.RecordName, CustomerID: h.CustomerID, CustomerName: h.CustomerName})
	}
	return out, nil
}
