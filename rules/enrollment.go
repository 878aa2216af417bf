package rules

import "shebao"

// EnrollWithinDays is the time an employer has to register a new employee
// for social insurance: 30 days from the day employment starts (Social
// Insurance Law art. 58; docs/RULES.md#employment-registration).
const EnrollWithinDays = 30

// EnrollDeadline returns the last day on which an employment that started
// on start may be enrolled on time. The day employment starts is not
// counted (a period counted in days starts the next day), so an employment
// starting on 1 June must be enrolled by 1 July.
func EnrollDeadline(start shebao.Date) shebao.Date { return start.AddDays(EnrollWithinDays) }

// EnrollLateDays returns how many days after EnrollDeadline(start) an
// enrollment on day today comes: 0 when it is on time.
func EnrollLateDays(start, today shebao.Date) int {
	if d := EnrollDeadline(start); today > d {
		return d.DaysUntil(today)
	}
	return 0
}
