package web

import (
	"strconv"
	"strings"
	"testing"
)

// TestHistoryTotalsSayWhatTheySum approves a back-pay of 2026-06 (not yet
// recorded paid) and checks that the contribution history's totals say
// what they sum, as the amount due does: the back-pay among what is still
// owed, nothing paid, nothing live, and the sum of all the months listed
// under a label that says so, not "应缴合计".
func TestHistoryTotalsSayWhatTheySum(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b, person, _ := approvedBackpay(t, f)
		hist := b.get("/persons/" + strconv.FormatInt(person.ID, 10) + "/contributions")
		owed, paid, live, all := hist.text("#history-owed"), hist.text("#history-paid"), hist.text("#history-live"), hist.text("#history-total")
		if !strings.Contains(owed, "¥1,588.22") || !strings.Contains(owed, "尚未登记缴纳") {
			t.Errorf("owed %q", owed)
		}
		if !strings.Contains(paid, "¥0.00") || !strings.Contains(live, "¥0.00") || !strings.Contains(live, "未关账") {
			t.Errorf("paid %q, live %q", paid, live)
		}
		if !strings.Contains(all, "¥1,588.22") || strings.Contains(all, "应缴合计") || !strings.Contains(all, "所列月份") {
			t.Errorf("total %q", all)
		}
		noKeys(t, hist)
	})
}
