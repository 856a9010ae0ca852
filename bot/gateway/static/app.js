// Progressive enhancement for the pages. Without this file every form still works as a
// plain POST that redirects back to the page.
//
// Security: text from the person or the assistant is only ever set with textContent,
// never parsed as HTML, so it can never become markup.

import { initAll, ErrorSummary } from '/assets/govuk/govuk-frontend.min.js'

initAll()

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || ''
const MAX_LENGTH = 2000

function el (tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

// ---------------------------------------------------------------- print page

const printButton = document.getElementById('print-button')
if (printButton) {
  printButton.hidden = false
  printButton.addEventListener('click', () => window.print())
}

// ---------------------------------------------------------------- conversation

const log = document.getElementById('chat-log')
const sendForm = document.getElementById('send-form')

if (log && sendForm) {
  const textarea = sendForm.querySelector('textarea')
  const formGroup = textarea.closest('.govuk-form-group')
  const errorSlot = document.getElementById('error-summary')
  const quickReplies = document.getElementById('quick-replies')
  const pausedSlot = document.getElementById('paused')
  const helpSlot = document.getElementById('help-now-slot')
  const maxLength = Number(formGroup.getAttribute('data-maxlength')) || MAX_LENGTH
  const baseTitle = document.title.replace(/^Error: /, '')
  let busy = false

  function setBusy (value) {
    busy = value
    // aria-disabled, not disabled: a disabled button would lose keyboard focus.
    document.querySelectorAll('form[data-chat] button').forEach((button) => {
      if (value) button.setAttribute('aria-disabled', 'true')
      else button.removeAttribute('aria-disabled')
    })
    const status = document.getElementById('send-status')
    if (status) status.textContent = value ? 'Sending…' : ''
  }

  function clearErrors () {
    errorSlot.replaceChildren()
    formGroup.classList.remove('govuk-form-group--error')
    textarea.classList.remove('govuk-textarea--error')
    document.getElementById('text-error')?.remove()
    textarea.setAttribute('aria-describedby', 'text-info text-hint')
    document.title = document.title.replace(/^Error: /, '')
  }

  // A GOV.UK error summary; `field` true also marks the textarea (inline error).
  function showError (message, field) {
    clearErrors()
    const summary = el('div', 'govuk-error-summary')
    summary.setAttribute('data-module', 'govuk-error-summary')
    const alert = el('div')
    alert.setAttribute('role', 'alert')
    alert.append(el('h2', 'govuk-error-summary__title', 'There is a problem'))
    const body = el('div', 'govuk-error-summary__body')
    const list = el('ul', 'govuk-list govuk-error-summary__list')
    const item = el('li')
    if (field) {
      const link = el('a', '', message)
      link.href = '#text'
      item.append(link)
    } else {
      item.textContent = message
    }
    list.append(item)
    body.append(list)
    alert.append(body)
    summary.append(alert)
    errorSlot.append(summary)
    if (field) {
      formGroup.classList.add('govuk-form-group--error')
      textarea.classList.add('govuk-textarea--error')
      const inline = el('p', 'govuk-error-message')
      inline.id = 'text-error'
      inline.append(el('span', 'govuk-visually-hidden', 'Error:'), document.createTextNode(' ' + message))
      textarea.before(inline)
      textarea.setAttribute('aria-describedby', 'text-info text-hint text-error')
    }
    document.title = 'Error: ' + document.title
    new ErrorSummary(summary) // eslint-disable-line no-new -- focuses the summary, links focus the field
  }

  function problemWith (text) {
    if (!text.trim()) return 'Enter your answer'
    if (text.replace(/\r\n/g, '\n').length > maxLength) return `Your answer must be ${maxLength.toLocaleString('en-GB')} characters or fewer`
    return null
  }

  // A help line's numbers as tap-to-call links, from the route's data (never from text).
  function callLinks (calls) {
    const links = el('p', 'govuk-body app-calls')
    for (const call of calls || []) {
      if (!/^tel:\+?\d{3,15}$/.test(call.tel || '')) continue
      const link = el('a', 'govuk-button app-calls__link', call.label)
      link.href = call.tel
      link.setAttribute('role', 'button')
      link.setAttribute('draggable', 'false')
      links.append(link, ' ')
    }
    return links
  }

  // Everything in the log so far goes into "Earlier in the conversation" (as the page
  // does when it is loaded), so the current exchange is always what the person sees.
  function foldEarlier () {
    document.getElementById('no-messages')?.remove()
    const current = [...log.children].filter((node) => node.classList.contains('app-chat__message'))
    if (!current.length) return
    let earlierLog = document.getElementById('earlier-log')
    if (!earlierLog) {
      const details = el('details', 'govuk-details app-chat__earlier')
      details.id = 'earlier'
      const summary = el('summary', 'govuk-details__summary')
      const label = el('span', 'govuk-details__summary-text', 'Earlier in the conversation (')
      const count = el('span', '', '0')
      count.id = 'earlier-count'
      label.append(count, ' messages)')
      summary.append(label)
      earlierLog = el('div', 'govuk-details__text')
      earlierLog.id = 'earlier-log'
      details.append(summary, earlierLog)
      log.prepend(details)
    }
    for (const node of current) {
      node.removeAttribute('id')
      node.removeAttribute('tabindex')
      node.removeAttribute('autofocus')
      earlierLog.append(node)
    }
    document.getElementById('earlier-count').textContent = String(earlierLog.children.length)
  }

  function addMessage (from, text, route) {
    const message = el('div', `app-chat__message app-chat__message--${from}`)
    const sender = el('p', 'app-chat__sender', from === 'person' ? 'You said' : 'Assistant')
    sender.append(el('span', 'govuk-visually-hidden', ':'))
    message.append(sender, el('p', 'govuk-body app-chat__text', text))
    if (route) message.append(callLinks(route.calls))
    log.append(message)
    return message
  }

  // The safety response's help lines at the top of the page, seen first.
  // null: leave what is there; []: take it away.
  function showHelpNow (routes) {
    if (routes === null || routes === undefined) return null
    helpSlot.replaceChildren()
    if (!routes.length) return null
    const banner = el('div', 'govuk-notification-banner app-help-now')
    banner.id = 'help-now'
    banner.tabIndex = -1
    banner.setAttribute('role', 'region')
    banner.setAttribute('aria-labelledby', 'help-now-title')
    const header = el('div', 'govuk-notification-banner__header')
    const title = el('h2', 'govuk-notification-banner__title', 'Get help now')
    title.id = 'help-now-title'
    header.append(title)
    const content = el('div', 'govuk-notification-banner__content')
    for (const route of routes) content.append(el('p', 'govuk-body app-help-now__text', route.text), callLinks(route.calls))
    banner.append(header, content)
    helpSlot.append(banner)
    return banner
  }

  function showQuickReplies (buttons) {
    quickReplies.replaceChildren()
    if (!buttons || !buttons.length) return
    const form = el('form')
    form.method = 'post'
    form.action = '/conversation'
    form.setAttribute('data-chat', 'reply')
    form.noValidate = true
    const token = el('input')
    token.type = 'hidden'
    token.name = 'csrf_token'
    token.value = csrfToken
    const group = el('div', 'govuk-button-group app-quick-replies')
    group.setAttribute('role', 'group')
    group.setAttribute('aria-labelledby', 'quick-replies-heading')
    const heading = el('p', 'govuk-body govuk-!-font-weight-bold app-quick-replies__heading', 'Choose an answer, or type your own')
    heading.id = 'quick-replies-heading'
    group.append(heading)
    for (const { title, payload } of buttons) {
      const button = el('button', 'govuk-button govuk-button--secondary', title || payload)
      button.type = 'submit'
      button.name = 'text'
      button.value = payload
      group.append(button)
    }
    form.append(token, group)
    quickReplies.append(form)
  }

  function showProgress (progress) {
    if (!progress) return
    const caption = document.getElementById('progress-caption')
    const heading = document.getElementById('progress-heading')
    if (heading.textContent === progress.label && caption.textContent === progress.caption) return
    caption.textContent = progress.caption
    heading.textContent = progress.label
    document.title = `${progress.text} - ${baseTitle.split(' - ').slice(1).join(' - ')}`
    document.getElementById('progress-status').textContent = `Now on ${progress.text}`
  }

  function showPaused (paused) {
    pausedSlot.replaceChildren()
    if (!paused) return
    const panel = el('div', 'govuk-panel govuk-panel--confirmation app-saved')
    panel.append(el('h2', 'govuk-panel__title', 'Your answers are saved'))
    const body = el('div', 'govuk-panel__body')
    const reference = el('strong', 'app-saved__value', paused.reference)
    reference.id = 'saved-reference'
    body.append('Your reference is', el('br'), reference)
    if (paused.code) {
      const code = el('strong', 'app-saved__value', paused.code)
      code.id = 'saved-code'
      body.append(el('br'), 'Your code is', el('br'), code)
    }
    panel.append(body)
    const writeDown = el('p', 'govuk-body')
    writeDown.append(el('strong', '', 'Write these down now.'),
      paused.code ? ' You need both to come back. Keep your code private.' : ' You need your reference and the code we gave you to come back. Keep your code private.')
    const comeBack = el('p', 'govuk-body')
    const link = el('a', 'govuk-link', 'carry on with a saved form')
    link.href = '/resume'
    comeBack.append('To come back, go to ', link, `. We keep your answers for ${paused.days} days. You can also carry on now.`)
    pausedSlot.append(panel, writeDown, comeBack)
  }

  async function post (action, fields, personText) {
    if (busy) return
    setBusy(true)
    const body = new URLSearchParams(fields)
    body.set('csrf_token', csrfToken)
    let response
    let data
    try {
      response = await fetch(action, {
        method: 'POST',
        headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken },
        body,
        credentials: 'same-origin'
      })
      if (!(response.headers.get('Content-Type') || '').includes('application/json')) {
        // Not a turn (for example the session ended): show whatever page we were sent to.
        window.location.assign(response.url || '/conversation')
        return
      }
      data = await response.json()
    } catch (error) {
      setBusy(false)
      showError('Sorry, we could not send that. Check your internet connection and try again.', false)
      return
    }
    setBusy(false)
    if (data.redirect) {
      window.location.assign(data.redirect)
      return
    }
    if (!response.ok) {
      const message = (data.error && data.error.message) || 'Sorry, there is a problem with the service. Your answers so far are saved. Try again in a minute.'
      showError(message, Boolean(data.error && data.error.field === 'text'))
      if (!(data.error && data.error.field === 'text')) textarea.focus()
      return
    }
    clearErrors()
    if (data.messages.length) foldEarlier()
    if (personText !== undefined) addMessage('person', personText)
    const replies = data.messages.map((message) => addMessage('assistant', message.text, message.route))
    if (replies.length) {
      replies[0].id = 'latest'
      replies[0].tabIndex = -1
    }
    showQuickReplies(data.quick_replies)
    showProgress(data.progress)
    showPaused(data.paused)
    const help = showHelpNow(data.help_now)
    // Clear the box only if it still holds what was sent: never lose words typed meanwhile.
    if (personText !== undefined && fields.get('source') === 'textarea' && textarea.value === personText) {
      textarea.value = ''
      textarea.dispatchEvent(new KeyboardEvent('keyup')) // the character count updates on keyup
    }
    if (help) { // help first: the banner at the top of the page, not the box at the bottom
      help.scrollIntoView({ block: 'start' })
      help.focus()
    } else if (replies.length) { // the newest question; the answer box follows it
      replies[0].focus()
    } else {
      textarea.focus()
    }
  }

  document.addEventListener('submit', (event) => {
    const form = event.target
    const kind = form.getAttribute && form.getAttribute('data-chat')
    if (!kind) return
    if (kind === 'message') {
      event.preventDefault()
      const text = textarea.value
      const problem = problemWith(text)
      if (problem) {
        showError(problem, true)
        return
      }
      const fields = new URLSearchParams({ text, source: 'textarea' })
      post(form.action, fields, text.replace(/\r\n/g, '\n'))
      return
    }
    const button = event.submitter
    if (!button || !button.name) return // an old browser: let the form post normally
    event.preventDefault()
    const fields = new URLSearchParams({ [button.name]: button.value })
    post(form.action, fields, kind === 'reply' ? button.value : undefined)
  })
}
