import type { NamespaceMessages } from '../../messages';

export const messages: NamespaceMessages<'passwords'> = {
  passwords: {
    actions: {
      change: '修改撤销消费密码',
      reset: '重置撤销消费密码（忘记密码）',
      sent: '已向终端 {tid} 发送{kind}指令。',
      notSent:
        '您的会话已结束，终端 {tid} 的撤销消费密码{kind, select, change {修改} other {重置}}没有发送，终端上没有任何改动。如仍需要，请重新操作。',
    },
    dialog: {
      cancel: '取消',
      close: '关闭',
      sending: '正在发送…',
    },
    rules: {
      summary:
        '6 位数字。不能是 123456，不能是同一个数字重复六次，不能是 123456 或 654321 这样的连续数字，不能是常见密码，也不能是该终端最近 3 次用过的密码。',
      digits: '只能是数字，不能有字母、空格或符号。',
      length: '必须正好 6 位数字。',
      factoryDefault: '不能是出厂默认密码 123456。',
      sameDigit: '不能是同一个数字重复六次，如 888888。',
      sequence: '不能是连续数字，如 123456 或 654321。',
      common: '不能是常见密码，如 112233 或 520520。',
      ok: '符合规则。是否为该终端最近 3 次用过的密码，将在发送时检查。',
    },
    fields: {
      show: '显示',
      hide: '隐藏',
      showNamed: '显示{field}',
      hideNamed: '隐藏{field}',
      current: {
        label: '当前撤销消费密码',
        required: '请输入终端目前使用的撤销消费密码。',
        format: '当前撤销消费密码是 6 位数字。',
      },
      newPin: {
        label: '新撤销消费密码',
        required: '请输入新的撤销消费密码。',
        fixRules: '请换一个：不符合下方的规则。',
        sameAsCurrent: '新撤销消费密码不能与当前密码相同。',
      },
      confirm: {
        label: '再次输入新撤销消费密码',
        required: '请再输入一次新的撤销消费密码。',
        mismatch: '两次输入的新密码不一致，请输入相同的密码。',
      },
    },
    errors: {
      reused: '这是该终端最近 3 次用过的撤销消费密码之一，请换一个。',
      wrongCurrentAttempts:
        '{count, plural, one {当前撤销消费密码不正确。再输错 {formatted} 次将锁定 30 分钟，在此期间收银员无法在终端上撤销交易。} other {当前撤销消费密码不正确。还可尝试 {formatted} 次，之后将锁定 30 分钟，在此期间收银员无法在终端上撤销交易。}}',
    },
    change: {
      title: '修改终端 {tid} 的撤销消费密码（主管密码）',
      intro: '需要提供终端目前使用的撤销消费密码。终端会在下次与平台通信时采用新密码。',
      attemptsSoFar:
        '{count, plural, one {已输错 {count} 次（在此处或终端上）。再输错 {left} 次，撤销消费密码将锁定 30 分钟，在此期间收银员无法在终端上撤销交易。} other {已输错 {count} 次（在此处或终端上）。再输错 {left} 次，撤销消费密码将锁定 30 分钟，在此期间收银员无法在终端上撤销交易。}}',
      forgotten: '如果没人知道当前的撤销消费密码，请不要猜测，改为重置。',
      resetInstead: '改为重置（忘记密码）',
      submit: '发送新撤销消费密码',
      what: '此次修改',
    },
    reset: {
      title: '重置终端 {tid} 的撤销消费密码（主管密码）',
      intro: '用于忘记撤销消费密码的情况：无需旧密码，终端会在下次与平台通信时采用新密码。',
      backupTitle: '重置之前：先备份该终端的交易记录',
      backupBody:
        '重置只更换撤销消费密码，不会删除任何交易。仍建议先导出该终端的交易记录，自己留存当天的账目，便于当日对账或回答顾客的询问。',
      backupButton: '导出该终端的交易（CSV）',
      modeLegend: '新撤销消费密码',
      modeChoose: '现在设置',
      modeTemporary: '生成临时密码',
      modeTemporaryHint: '只向您显示一次。终端首次使用该密码时，会要求设置新的撤销消费密码。',
      submit: '重置撤销消费密码',
      what: '此次重置',
    },
    stepUp: {
      why: '重置撤销消费密码需要再次输入您的账户密码（即登录密码）。确认后 5 分钟内在本标签页有效。',
      password: '您的账户密码',
      required: '请输入您的账户密码。',
      tooLong: '账户密码不会这么长。',
      confirm: '确认',
      confirming: '正在验证…',
      wrong: '密码不正确。',
      wrongWithAttempts:
        '{count, plural, one {密码不正确。还可尝试 {formatted} 次，之后需要等待片刻。} other {密码不正确。还可尝试 {formatted} 次，之后需要等待片刻。}}',
      expired: '账户密码确认已过期，请再次输入账户密码以继续。',
      confirmedUntil: '账户密码已确认，{time} 前有效。',
    },
    ticket: {
      legend: '客服工单',
      why: '工单号和原因都会随重置记入审计日志。',
      id: '工单号',
      reason: '原因',
      reasonHint: '例如：商户老板来电，知道密码的店长已离职。',
      idRequired: '请填写此次请求的工单号。',
      idTooLong: '工单号最多 64 个字符。',
      reasonRequired: '请说明重置撤销消费密码的原因。',
      reasonTooLong: '原因请控制在 500 个字符以内。',
    },
    temporary: {
      title: '终端 {tid} 的临时撤销消费密码',
      copy: '复制',
      copied: '已复制。关闭此窗口时会清空剪贴板。',
      copyFailed: '此浏览器不允许复制，请手动记下这些数字。',
      once: '此密码只显示这一次：不会保存在任何地方，之后也无法再次查看。',
      firstUse: '请交给终端前的操作人员。终端首次使用该密码时，会要求设置新的撤销消费密码。',
      readToMerchant: '请逐位读给商户听。在终端上首次使用该密码时，终端会要求设置新的撤销消费密码。',
      online: '终端会在下次与平台通信时（约每 30 秒一次）采用此密码，在此之前旧的撤销消费密码仍然有效。',
      offline: '终端目前离线：恢复与平台通信后才会采用此密码，在此之前旧的撤销消费密码仍然有效。',
      validity:
        '终端采用后，此密码只能使用一次，之后必须在终端上修改。如果终端在 {time} 之前仍未采用，此次重置失效，旧的撤销消费密码继续有效。',
      noted: '我已记下',
    },
    openCommand: {
      oldStaysActive: '在终端领取之前，旧的撤销消费密码仍然有效。',
      summary: '{kind} · {status}，由 {name} 于 {when} 发起。',
      refused:
        '此终端已有一条待执行的指令（撤销消费密码或固件升级）。该指令生效或被取消后，才能发送新的指令。',
      queuedOnline: '正在等待终端下次与平台通信（约每 30 秒一次）。在此之前，旧的撤销消费密码仍然有效。',
      queuedOffline:
        '终端目前离线：在恢复与平台通信之前，旧的撤销消费密码仍然有效。指令会一直等待（最长 72 小时）。',
      delivered: '终端已收到指令，正在执行，已无法取消。',
    },
    cancel: {
      button: '取消待执行的{kind}指令',
      cancelling: '正在取消…',
      checkAgain: '再次确认取消结果',
      done: '{kind}指令已取消，终端上没有任何变化。',
      tooLate: '来不及取消：终端已领取该{kind}指令。',
      unknown: '暂时无法确定取消是否成功。请再次确认：这样做是安全的，不会重复执行。',
    },
    locked: {
      until: '撤销消费密码因连续输错 5 次已锁定，{time} 解锁。在此之前收银员无法在终端上撤销交易。',
      noTime: '撤销消费密码因连续输错 5 次已锁定。锁定期间收银员无法在终端上撤销交易。',
      resetHint: '解锁前无法修改。如果没人知道当前的撤销消费密码，请改为重置。',
      waitHint: '解锁前无法修改。',
      resetInstead: '改为重置',
    },
    unknown: {
      title: '暂时无法确定是否已发送成功',
      body: '没有收到收单方的明确答复（连接中断或收单方出错），{what}可能已发送，也可能没有。',
      rereading: '正在查询终端…',
      rereadWaiting: '终端当前显示：{summary}',
      rereadNone: '终端当前没有待执行的指令。',
      safe: '“再次确认”会用完全相同的请求询问收单方：如果第一次已送达，您会得到当时的结果；否则现在发送。绝不会重复执行。',
      checkAgain: '再次确认',
      checking: '正在确认…',
    },
    bulk: {
      filterPart: '{label}：{value}',
      button: '批量重置撤销消费密码…',
      title:
        '{count, plural, one {重置 {formatted} 台终端的撤销消费密码（主管密码）} other {重置 {formatted} 台终端的撤销消费密码（主管密码）}}',
      andMore: '{count, plural, one {等另外 {formatted} 台} other {等另外 {formatted} 台}}',
      byFilter:
        '{count, plural, one {符合此筛选条件的 {formatted} 台终端：} other {符合此筛选条件的全部 {formatted} 台终端（任务开始时重新统计）：}}',
      noFilter: '未筛选：您能看到的所有终端。',
      merchant: '商户',
      explain:
        '所有终端将使用同一个新撤销消费密码。在线终端在下次与平台通信时采用；离线终端在恢复与平台通信之前仍使用旧密码。',
      skipped: '已有待执行指令的终端会被跳过并标记为失败，您可以稍后重试。',
      continue: '继续',
      submit: '{count, plural, one {重置 {formatted} 台终端} other {重置 {formatted} 台终端}}',
      noneMatch: '已没有符合条件的终端：选择之后列表发生了变化。请关闭后重新选择。',
      what: '此次批量重置',
    },
    job: {
      title: '批量重置撤销消费密码（主管密码）',
      backToList: '全部终端',
      notFoundTitle: '找不到该批量重置',
      notFoundBody: '您的批量重置中没有这个地址。请从终端列表发起。',
      progressTitle: '进度',
      progressLabel: '已完成的终端',
      started: '开始于 {when}',
      running:
        '目前 {succeeded} / {total} 台终端已采用新撤销消费密码；{failed} 台失败，{waiting} 台仍在等待终端。',
      finished: '已完成：{succeeded} / {total} 台终端已采用新撤销消费密码；{failed} 台失败。',
      whatNext:
        '每台终端在下次与平台通信（约每 30 秒一次）时采用新撤销消费密码；离线终端在恢复与平台通信之前仍使用旧密码。本页会持续跟进，直到每台终端都已采用、失败或过期。',
      oldPinTitle:
        '{count, plural, one {{formatted} 台终端仍接受旧的撤销消费密码：} other {{formatted} 台终端仍接受旧的撤销消费密码：}}',
      oldPin: {
        untilCheckIn: '直到下次与平台通信（约每 30 秒一次）。',
        untilConnects: '终端离线，恢复与平台通信之前仍接受旧的撤销消费密码。',
        notReset: '重置未送达该终端，请再次重置。',
      },
      retryFailed:
        '{count, plural, one {重试失败的 {formatted} 台终端…} other {重试失败的 {formatted} 台终端…}}',
      resultsTitle: '终端',
      failedOnly: '只看失败的',
      noResultsYet: '还没有处理任何终端。',
      showMore: '显示更多（已显示 {shown} / {total}）',
      columns: {
        tid: '终端号',
        outcome: '结果',
      },
      outcome: {
        queued: '已排队：等待终端下次与平台通信。',
        queuedOffline: '等待中：终端离线，恢复与平台通信之前仍接受旧的撤销消费密码。',
        delivered: '已送达：终端正在采用。',
        applied: '已采用：新撤销消费密码已生效。',
        appliedAt: '{when} 已采用：新撤销消费密码已生效。',
        failed: '终端执行失败：新撤销消费密码未生效。',
        expired: '已过期：终端 72 小时内未与平台通信。',
        cancelled: '已取消：终端上没有任何改动。',
      },
      error: {
        alreadyOpen: '已跳过：该终端已有待执行的指令。',
        reused: '失败：新撤销消费密码是该终端最近 3 次用过的密码之一。',
        notFound: '失败：在您的终端中找不到。',
        unknown: '失败：无法为其排队重置。',
      },
    },
  },
};
