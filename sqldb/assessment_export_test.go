package sqldb

import "shebao"

// AssessSQLForTest returns the district statement of units from..to in
// period p under pol, and its arguments; declared as if some unit had a
// base declaration in force.
func AssessSQLForTest(pol shebao.Policy, p shebao.Period, from, to int64, declared bool, dialect string) (string, []any) {
	return assessSQL(pol, p, from, to, declared, dialect)
}

// UnitSumsSQLForTest is the statement that writes the unit sums of units
// $2..$3 in period $1 from their lines.
const UnitSumsSQLForTest = unitSumsSQL

// UnitSumsSettingsForTest is the statement that AssessUnits runs on
// PostgreSQL before UnitSumsSQLForTest.
const UnitSumsSettingsForTest = sumsInKeyOrder
