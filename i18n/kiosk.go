package i18n

// Messages of the kiosk in the hall, the receipt, the previews that say a
// refusal first and the batch dry run (package web).
func init() {
	add(
		[3]string{"kiosk.idle_warning", "长时间无操作，本机将在", "Nobody has used this terminal for a while: it logs out in"},
		[3]string{"kiosk.idle_seconds", "秒后自动退出。", "seconds."},
		[3]string{"kiosk.continue", "继续办理", "Continue"},
		[3]string{"kiosk.refusal_next", "本业务提交后将被退回，因此不显示缴费基数和费用。请按上述提示处理后再办理，或点击“返回修改”；如有疑问请到窗口咨询。", "Submitted as it is, this item would be refused, so no base or cost is shown. Do what the message says first, or choose “Back to edit”; ask at the counter if in doubt."},
		[3]string{"kiosk.receipt.item", "业务事项", "Item"},
		[3]string{"kiosk.receipt.decided", "办结时间", "Decided at"},
		[3]string{"kiosk.receipt.documents", "已核验的材料", "Documents checked"},
		[3]string{"kiosk.receipt.print", "打印回执", "Print the receipt"},
		[3]string{"kiosk.withdraw.title", "撤回申请", "Withdraw the application"},
		[3]string{"kiosk.withdraw.question", "确定撤回这项“%s”申请（回执号 %s）吗？撤回后如需办理须重新申请。", "Withdraw this %s application (receipt %s)? To go ahead later you must apply again."},
		[3]string{"kiosk.withdraw.yes", "确定撤回", "Yes, withdraw it"},
		[3]string{"kiosk.withdraw.no", "不撤回，返回回执", "No, back to the receipt"},
		[3]string{"reason.INSURED_OTHER_UNIT", "该人员目前在其他单位参保，需原单位先办理停保后才能在本单位参保；请该人员联系原单位，或到窗口咨询。", "The person is currently insured by another unit. That unit must stop the insurance before yours can enroll them: the person should contact their former employer, or ask at the counter."},
		[3]string{"reason.BATCH_NAME_DIFFERS", "姓名与该身份证号码登记的姓名不一致，请核对身份证号码和姓名。", "The name does not match the name registered for this ID number. Please check the ID number and the name."},
		[3]string{"decl.preview.title", "基数申报预览", "Base declaration: preview"},
		[3]string{"decl.preview.button", "预览申报结果", "Preview"},
		[3]string{"decl.preview.ok", "核对无误后请点击“确认申报”；申报前不会保存任何内容。", "Check the figures, then choose “Declare”. Nothing is saved until you do."},
		[3]string{"kiosk.batch.rows", "逐行检查结果", "Every row"},
		[3]string{"kiosk.batch.show_problems", "只看不能办理的 %s 行", "Show only the %s rows that cannot be handled"},
		[3]string{"kiosk.batch.show_all", "显示全部 %s 行", "Show all %s rows"},
		[3]string{"kiosk.batch.monthly", "月缴费额", "Monthly cost"},
		[3]string{"kiosk.batch.download_failed", "下载不能办理的 %s 行", "Download the %s rows that cannot be handled"},
		[3]string{"kiosk.batch.failed_hint", "下载的表格只含不能办理的行，并注明原因：修改后可直接重新上传。", "The download holds only the rows that cannot be handled, with the reasons: fix them and upload it again."},
	)
}
