package app

import "reach"

// ContactDiff is one contact method an edit adds, changes or removes:
// Before is nil for an addition, After for a removal.
type ContactDiff struct {
	Op     string               `json:"op"`
	Before *reach.ContactMethod `json:"before"`
	After  *reach.ContactMethod `json:"after"`
}

// diffContacts lists what changed between two lists of one record's methods,
// matching methods by id.
func diffContacts(before, after []reach.ContactMethod) []ContactDiff {
	diff := []ContactDiff{}
	old := map[string]reach.ContactMethod{}
	for _, m := range before {
		old[m.ID] = m
	}
	kept := map[string]bool{}
	for _, m := range after {
		m := m
		b, ok := old[m.ID]
		switch {
		case !ok:
			diff = append(diff, ContactDiff{Op: "add", After: &m})
		case !sameMethod(b, m):
			diff = append(diff, ContactDiff{Op: "update", Before: &b, After: &m})
		}
		kept[m.ID] = true
	}
	for _, m := range before {
		m := m
		if !kept[m.ID] {
			diff = append(diff, ContactDiff{Op: "remove", Before: &m})
		}
	}
	return diff
}
