package handling

import (
	"encoding/json"
	"testing"

	"shebao"
)

// An item's audit detail is the text the map it was made of wrote (keys
// sorted), refused with reasons or approved without.
func TestItemAuditDetailText(t *testing.T) {
	for _, it := range []shebao.Item{
		{Type: shebao.ItemEnroll, Receipt: "SB20260708-0000042", Status: shebao.StatusRefused,
			Reasons: []string{"insured_here"}, Period: 202607, Wage: 800000, Base: 700000},
		{Type: shebao.ItemStop, Receipt: "SB20260708-0000043", Status: shebao.StatusApproved,
			Period: 202608, StopReason: "resigned"},
	} {
		want, _ := json.Marshal(map[string]any{
			"receipt": it.Receipt, "status": it.Status, "reasons": it.Reasons, "period": it.Period.String(),
			"wage": int64(it.Wage), "base": int64(it.Base), "stop_reason": it.StopReason,
		})
		if got := itemAudit(shebao.Actor{}, it).Detail; got != string(want) {
			t.Errorf("detail %s, want %s", got, want)
		}
	}
}
