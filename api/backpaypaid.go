package api

import (
	"net/http"

	"shebao"
)

// backpayPaid records that a unit paid an approved back-pay item by hand,
// with the amount paid for the whole item (POST /api/v1/bill/backpay-paid
// {unit_id, item_id, amount_fen}; clerks and admins), as the page POST
// /bill/backpay-paid does: billing.Service.SetBackpayPaid. Marking an item
// already recorded paid changes nothing.
func (s *server) backpayPaid(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	if err := onlyRoles(a, shebao.RoleClerk, shebao.RoleAdmin); err != nil {
		return err
	}
	var b struct {
		UnitID    int64 `json:"unit_id"`
		ItemID    int64 `json:"item_id"`
		AmountFen int64 `json:"amount_fen"`
	}
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	if err := s.svc.Billing.SetBackpayPaid(r.Context(), a, b.UnitID, b.ItemID, shebao.Fen(b.AmountFen)); err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, map[string]int64{"item_id": b.ItemID, "paid_fen": b.AmountFen})
	return nil
}
