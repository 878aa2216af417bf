package sqldb

import "shebao"

// AssessSQLForTest returns the district statement of units from..to in
// period p under pol, and its arguments.
func AssessSQLForTest(pol shebao.Policy, p shebao.Period, from, to int64, dialect string) (string, []any) {
	return assessSQL(pol, p, from, to, dialect)
}
