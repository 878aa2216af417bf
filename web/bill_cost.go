package web

import (
	"net/http"

	"shebao"
	"shebao/billing"
	"shebao/handling"
)

// monthlyCost returns what an enrollment or resumption being previewed adds
// to the unit's monthly bill ("this adds ¥X a month"), or nil for a stop, a
// refusal, or a period whose year has no policy yet.
func (h *handler) monthlyCost(r *http.Request, pv handling.Preview) *billing.Cost {
	d := pv.Decision
	if pv.Request.Type == shebao.ItemStop || d.Refusal != nil || pv.Unit.ID == 0 {
		return nil
	}
	c, err := h.svc.Billing.CostPreview(r.Context(), pv.Unit, d.Period, d.Base.Base)
	if err != nil {
		if shebao.ErrorCode(err) != shebao.EREFUSED {
			h.log.WarnContext(r.Context(), "cost preview", "err", err)
		}
		return nil
	}
	return &c
}
