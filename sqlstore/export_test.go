package sqlstore

// SetRarestCap lowers the count at which a search word is common, so tests
// on small data take the paths of common words; call the result to restore.
func SetRarestCap(n int) (restore func()) {
	was := rarestCap
	rarestCap = n
	return func() { rarestCap = was }
}
