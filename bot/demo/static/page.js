// The Sensorbot demo page: one person's DM with the bot, their Home tab and any modal,
// rendered from the Block Kit the bot sent; what the person does goes to /api/…, where
// the demo turns it into the signed requests Slack would send. No build step, no library.
"use strict";

const S = {
  user: null,
  texts: {},
  users: {},
  timezone: "Europe/Oslo",
  version: -1,
  generation: 0,
  tab: "messages",
  shown: { conversation: "", home: "", modal: "" },
  modalView: null,
};

const $ = (id) => document.getElementById(id);
const text = (key) => S.texts["demo.page." + key] || key;

async function api(path, body, raw) {
  const options = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": raw ? "application/octet-stream" : "application/json" },
    body: raw ? body : JSON.stringify(body),
  };
  const answer = await fetch(path, options);
  if (!answer.ok) throw new Error(path + ": HTTP " + answer.status);
  return answer.json();
}

// -- mrkdwn ---------------------------------------------------------------------------

const EMOJI = {
  white_check_mark: "✅", heavy_check_mark: "✔️", warning: "⚠️", no_entry: "⛔",
  hourglass_flowing_sand: "⏳", hourglass: "⌛", x: "❌", information_source: "ℹ️",
  tada: "🎉", calendar: "📅", date: "📅", bell: "🔔", page_facing_up: "📄", email: "📧",
  mag: "🔍", lock: "🔒", point_right: "👉", memo: "📝", rotating_light: "🚨",
  inbox_tray: "📥", outbox_tray: "📤", clock9: "🕘", alarm_clock: "⏰", red_circle: "🔴",
  large_green_circle: "🟢", large_yellow_circle: "🟡", eyes: "👀", raising_hand: "🙋",
};

function escapeText(value) {
  return String(value)
    .replace(/&(?!(amp|lt|gt|quot|#\d+);)/g, "&amp;")
    .replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unescapeSlack(value) {
  return String(value).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function safeHref(url) {
  const plain = unescapeSlack(url);
  return /^(https?:|mailto:)/i.test(plain) ? escapeText(plain) : null;
}

function formatDate(seconds, format, fallback) {
  const when = new Date(Number(seconds) * 1000);
  if (isNaN(when.getTime())) return escapeText(fallback);
  const zone = { timeZone: S.timezone };
  const day = (options) => when.toLocaleDateString("en-GB", { ...zone, ...options });
  const clock = (options) => when.toLocaleTimeString("en-GB", { ...zone, ...options });
  const relative = () => {
    const key = (d) => d.toLocaleDateString("en-CA", zone);
    const today = new Date();
    const offset = (n) => key(new Date(today.getTime() + n * 86400000));
    if (key(when) === offset(0)) return "today";
    if (key(when) === offset(-1)) return "yesterday";
    if (key(when) === offset(1)) return "tomorrow";
    return null;
  };
  const tokens = {
    date_num: () => when.toLocaleDateString("en-CA", zone),
    date: () => day({ day: "numeric", month: "long", year: "numeric" }),
    date_short: () => day({ day: "numeric", month: "short", year: "numeric" }),
    date_long: () => day({ weekday: "long", day: "numeric", month: "long", year: "numeric" }),
    date_pretty: () => relative() || tokens.date(),
    date_short_pretty: () => relative() || tokens.date_short(),
    date_long_pretty: () => relative() || tokens.date_long(),
    time: () => clock({ hour: "2-digit", minute: "2-digit" }),
    time_secs: () => clock({ hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    ago: () => {
      const minutes = Math.round((Date.now() - when.getTime()) / 60000);
      if (Math.abs(minutes) < 60) return minutes >= 0 ? minutes + " minutes ago" : "in " + -minutes + " minutes";
      const hours = Math.round(minutes / 60);
      if (Math.abs(hours) < 48) return hours >= 0 ? hours + " hours ago" : "in " + -hours + " hours";
      const days = Math.round(hours / 24);
      return days >= 0 ? days + " days ago" : "in " + -days + " days";
    },
  };
  return escapeText(format.replace(/\{(\w+)\}/g, (all, name) => (tokens[name] ? tokens[name]() : all)));
}

function renderToken(inner) {
  const [target, label] = splitOnce(inner, "|");
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return '<span class="mention">@' + escapeText(S.users[id] || label || id) + "</span>";
  }
  if (target.startsWith("#")) return '<span class="mention">#' + escapeText(label || target.slice(1)) + "</span>";
  if (target.startsWith("!date^")) {
    const [, seconds, format, link] = target.split("^");
    const shown = formatDate(seconds, format || "{date}", label || "");
    const href = link && safeHref(link);
    return href ? '<a href="' + href + '" target="_blank" rel="noopener">' + shown + "</a>" : shown;
  }
  if (target.startsWith("!subteam^")) return '<span class="mention">' + escapeText(label || "@team") + "</span>";
  if (target.startsWith("!")) return '<span class="mention">@' + escapeText(target.slice(1)) + "</span>";
  const href = safeHref(target);
  if (!href) return escapeText("<" + inner + ">");
  const shown = label ? inline(label) : escapeText(unescapeSlack(target).replace(/^mailto:/, ""));
  return '<a href="' + href + '" target="_blank" rel="noopener">' + shown + "</a>";
}

function splitOnce(value, separator) {
  const at = value.indexOf(separator);
  return at < 0 ? [value, ""] : [value.slice(0, at), value.slice(at + 1)];
}

// Inline formatting of one line: tokens and code spans first (kept out of the rest).
function inline(line) {
  const kept = [];
  const keep = (html) => "\u0000" + (kept.push(html) - 1) + "\u0000";
  let out = line.replace(/<([^<>\n]+)>/g, (all, inner) => keep(renderToken(inner)));
  out = out.replace(/`([^`\n]+)`/g, (all, code) => keep("<code>" + escapeText(code) + "</code>"));
  out = escapeText(out);
  out = out.replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] || all);
  const edge = "(^|[\\s(\\[{'\"“‘>\\u0000])";
  const end = "(?=$|[\\s).,!?:;\\]}'\"”’<\\u0000])";
  out = out.replace(new RegExp(edge + "\\*(?!\\s)([^*\\n]+?)\\*" + end, "g"), "$1<strong>$2</strong>");
  out = out.replace(new RegExp(edge + "_(?!\\s)([^_\\n]+?)_" + end, "g"), "$1<em>$2</em>");
  out = out.replace(new RegExp(edge + "~(?!\\s)([^~\\n]+?)~" + end, "g"), "$1<del>$2</del>");
  return out.replace(/\u0000(\d+)\u0000/g, (all, index) => kept[Number(index)]);
}

// Lines: quotes, bulleted and numbered lists, the rest joined with line breaks.
function mrkdwn(source) {
  const html = [];
  const parts = String(source || "").split("```");
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      html.push("<pre>" + escapeText(part.replace(/^\n/, "")) + "</pre>");
      return;
    }
    let list = null;
    let lineBreak = false;
    const closeList = () => { if (list) { html.push("</" + list + ">"); list = null; } };
    for (const line of part.split("\n")) {
      const bullet = line.match(/^\s*[•◦▪\-*]\s+(.*)$/);
      const numbered = line.match(/^\s*\d+[.)]\s+(.*)$/);
      const quote = line.match(/^(?:>|&gt;)\s?(.*)$/);
      const kind = bullet ? "ul" : numbered ? "ol" : null;
      if (kind) {
        if (list !== kind) { closeList(); html.push("<" + kind + ">"); list = kind; }
        html.push("<li>" + inline((bullet || numbered)[1]) + "</li>");
        lineBreak = false;
        continue;
      }
      closeList();
      if (quote) { html.push("<blockquote>" + inline(quote[1]) + "</blockquote>"); lineBreak = false; continue; }
      if (lineBreak) html.push("<br>");
      html.push(inline(line));
      lineBreak = true;
    }
    closeList();
  });
  return html.join("");
}

function textHtml(object) {
  if (!object) return "";
  if (object.type === "mrkdwn") return mrkdwn(object.text);
  return escapeText(object.text || "").replace(/:([a-z0-9_+-]+):/g, (all, name) => (object.emoji === false ? all : EMOJI[name] || all)).replace(/\n/g, "<br>");
}

function plain(object) {
  return object ? unescapeSlack(object.text || "") : "";
}

// -- Block Kit ------------------------------------------------------------------------

function el(tag, className, html) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html !== undefined) node.innerHTML = html;
  return node;
}

function renderBlocks(blocks, surface) {
  const root = el("div", "blocks");
  (blocks || []).forEach((block, index) => {
    const node = renderBlock(block, block.block_id || surface.key + "-b" + index, surface);
    if (node) root.appendChild(node);
  });
  return root;
}

function renderBlock(block, blockId, surface) {
  switch (block.type) {
    case "header":
      return el("div", "block block-header", textHtml(block.text));
    case "divider":
      return el("hr", "block-divider");
    case "section": {
      const node = el("div", "block section");
      const body = el("div", "section-body mrkdwn");
      if (block.text) body.appendChild(el("div", "section-text", textHtml(block.text)));
      if (block.fields && block.fields.length) {
        const fields = el("div", "fields");
        block.fields.forEach((field) => fields.appendChild(el("div", "field", textHtml(field))));
        body.appendChild(fields);
      }
      node.appendChild(body);
      if (block.accessory) {
        const accessory = renderElement(block.accessory, blockId, surface, true);
        if (accessory) node.appendChild(accessory);
      }
      node.dataset.blockType = "section";
      return node;
    }
    case "context": {
      const node = el("div", "block block-context mrkdwn");
      (block.elements || []).forEach((item) => {
        if (item.type === "image") {
          const image = el("img");
          image.alt = item.alt_text || "";
          if (safeHref(item.image_url || "")) image.src = item.image_url;
          node.appendChild(image);
        } else {
          node.appendChild(el("span", "", textHtml(item)));
        }
      });
      return node;
    }
    case "actions": {
      const node = el("div", "block actions");
      (block.elements || []).forEach((item) => {
        const rendered = renderElement(item, block.block_id || blockId, surface, true);
        if (rendered) node.appendChild(rendered);
      });
      return node;
    }
    case "image": {
      const node = el("div", "block");
      const image = el("img");
      image.alt = block.alt_text || "";
      image.style.maxWidth = "100%";
      if (safeHref(block.image_url || "")) image.src = block.image_url;
      node.appendChild(image);
      return node;
    }
    case "input": {
      const node = el("div", "block input-block");
      node.dataset.blockId = blockId;
      const label = el("label", "", textHtml(block.label));
      node.appendChild(label);
      const input = renderElement(block.element, blockId, surface, Boolean(block.dispatch_action));
      if (input) node.appendChild(input);
      if (block.hint) node.appendChild(el("div", "hint", textHtml(block.hint)));
      node.appendChild(el("div", "input-error"));
      return node;
    }
    case "rich_text":
      return el("div", "block mrkdwn", escapeText(richText(block.elements)));
    default:
      return el("div", "block hint", escapeText("[" + block.type + "]"));
  }
}

function richText(elements) {
  return (elements || []).map((item) => (item.elements ? richText(item.elements) : item.text || "")).join("");
}

function track(node, item, blockId, kind) {
  node.dataset.blockId = blockId;
  node.dataset.actionId = item.action_id || "";
  node.dataset.kind = kind;
  node.classList.add("bk-input");
}

function options(item) {
  const all = [...(item.options || [])];
  (item.option_groups || []).forEach((group) => all.push(...(group.options || [])));
  return all;
}

function renderElement(item, blockId, surface, dispatch) {
  switch (item.type) {
    case "button": {
      const button = el(item.url ? "a" : "button", "button" + (item.style ? " " + item.style : ""), textHtml(item.text));
      if (item.url) {
        const href = safeHref(item.url);
        if (href) button.href = unescapeSlack(item.url);
        button.target = "_blank";
        button.rel = "noopener";
      } else {
        button.type = "button";
      }
      button.dataset.actionId = item.action_id || "";
      button.addEventListener("click", async () => {
        if (item.confirm && !(await confirmed(item.confirm))) return;
        const action = { type: "button", action_id: item.action_id, block_id: blockId, text: item.text };
        if (item.value !== undefined) action.value = item.value;
        if (item.style) action.style = item.style;
        sendAction(surface, action, button);
      });
      return button;
    }
    case "static_select": {
      const select = el("select");
      track(select, item, blockId, "static_select");
      const placeholder = el("option", "", escapeText(plain(item.placeholder) || text("choose")));
      placeholder.value = "";
      select.appendChild(placeholder);
      const choices = options(item);
      const addOption = (option, parent) => {
        const node = el("option", "", escapeText(plain(option.text)));
        node.value = option.value;
        parent.appendChild(node);
      };
      if (item.option_groups) {
        item.option_groups.forEach((group) => {
          const node = el("optgroup");
          node.label = plain(group.label);
          (group.options || []).forEach((option) => addOption(option, node));
          select.appendChild(node);
        });
      } else {
        choices.forEach((option) => addOption(option, select));
      }
      select.value = item.initial_option ? item.initial_option.value : "";
      select._choices = choices;
      let previous = select.value;
      if (dispatch) {
        select.addEventListener("change", async () => {
          const option = choices.find((o) => o.value === select.value);
          if (!option) return;
          if (item.confirm && !(await confirmed(item.confirm))) { select.value = previous; return; }
          previous = select.value;
          sendAction(surface, { type: "static_select", action_id: item.action_id, block_id: blockId, selected_option: option }, select);
        });
      }
      return select;
    }
    case "overflow": {
      const wrapper = el("div", "overflow");
      const toggle = el("button", "button overflow-toggle", "⋯");
      toggle.type = "button";
      toggle.dataset.actionId = item.action_id || "";
      toggle.setAttribute("aria-haspopup", "menu");
      const menu = el("ul", "overflow-menu");
      menu.setAttribute("role", "menu");
      menu.hidden = true;
      (item.options || []).forEach((option) => {
        const entry = el("li");
        const choose = el("button", "", escapeText(plain(option.text)));
        choose.type = "button";
        choose.setAttribute("role", "menuitem");
        choose.addEventListener("click", async () => {
          menu.hidden = true;
          if (option.url) window.open(unescapeSlack(option.url), "_blank", "noopener");
          if (item.confirm && !(await confirmed(item.confirm))) return;
          sendAction(surface, { type: "overflow", action_id: item.action_id, block_id: blockId, selected_option: option }, toggle);
        });
        entry.appendChild(choose);
        menu.appendChild(entry);
      });
      toggle.addEventListener("click", () => { menu.hidden = !menu.hidden; });
      wrapper.append(toggle, menu);
      return wrapper;
    }
    case "datepicker": {
      const input = el("input");
      input.type = "date";
      track(input, item, blockId, "datepicker");
      if (item.initial_date) input.value = item.initial_date;
      if (dispatch) {
        input.addEventListener("change", async () => {
          if (item.confirm && !(await confirmed(item.confirm))) return;
          sendAction(surface, { type: "datepicker", action_id: item.action_id, block_id: blockId, selected_date: input.value }, input);
        });
      }
      return input;
    }
    case "plain_text_input": {
      const input = el(item.multiline ? "textarea" : "input");
      track(input, item, blockId, "plain_text_input");
      if (item.placeholder) input.placeholder = plain(item.placeholder);
      if (item.initial_value) input.value = item.initial_value;
      if (item.max_length) input.maxLength = item.max_length;
      return input;
    }
    case "checkboxes":
    case "radio_buttons": {
      const group = el("div", "choices");
      track(group, item, blockId, item.type);
      const initial = (item.initial_options || (item.initial_option ? [item.initial_option] : [])).map((o) => o.value);
      group._choices = item.options || [];
      (item.options || []).forEach((option) => {
        const label = el("label");
        const input = el("input");
        input.type = item.type === "checkboxes" ? "checkbox" : "radio";
        input.name = blockId + "-" + item.action_id;
        input.value = option.value;
        input.checked = initial.includes(option.value);
        if (dispatch) {
          input.addEventListener("change", () => sendAction(surface, { type: item.type, action_id: item.action_id, block_id: blockId, ...choiceValue(group) }, input));
        }
        label.append(input, " ", plain(option.text));
        group.appendChild(label);
      });
      return group;
    }
    case "image": {
      const image = el("img");
      image.alt = item.alt_text || "";
      if (safeHref(item.image_url || "")) image.src = item.image_url;
      image.style.maxWidth = "90px";
      return image;
    }
    default:
      return el("span", "hint", escapeText("[" + item.type + "]"));
  }
}

function choiceValue(group) {
  const checked = [...group.querySelectorAll("input:checked")].map((i) => group._choices.find((o) => o.value === i.value));
  if (group.dataset.kind === "checkboxes") return { selected_options: checked };
  return { selected_option: checked[0] || null };
}

// Slack's `state.values` of a surface: every input element by block and action id.
function stateValues(root) {
  const values = {};
  root.querySelectorAll(".bk-input").forEach((node) => {
    const block = (values[node.dataset.blockId] = values[node.dataset.blockId] || {});
    const kind = node.dataset.kind;
    let value = { type: kind };
    if (kind === "static_select") {
      value.selected_option = (node._choices || []).find((o) => o.value === node.value) || null;
    } else if (kind === "datepicker") {
      value.selected_date = node.value || null;
    } else if (kind === "plain_text_input") {
      value.value = node.value === "" ? null : node.value;
    } else {
      value = { type: kind, ...choiceValue(node) };
    }
    block[node.dataset.actionId] = value;
  });
  return values;
}

function confirmed(confirm) {
  const dialog = $("confirm");
  $("confirm-title").textContent = plain(confirm.title);
  $("confirm-text").innerHTML = textHtml(confirm.text);
  const yes = $("confirm-yes");
  yes.textContent = plain(confirm.confirm) || "OK";
  yes.className = confirm.style === "danger" ? "danger" : "primary";
  $("confirm-deny").textContent = plain(confirm.deny) || text("cancel");
  return new Promise((resolve) => {
    const done = (answer) => {
      yes.onclick = null;
      $("confirm-deny").onclick = null;
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    yes.onclick = () => done(true);
    $("confirm-deny").onclick = () => done(false);
    dialog.onclose = () => done(false);
    dialog.showModal();
  });
}

async function sendAction(surface, action, control) {
  const root = surface.root();
  const values = root ? stateValues(root) : {};
  if (control) control.disabled = true;
  try {
    await api("/api/action", { user: S.user, surface: surface.kind, ts: surface.ts, action, values });
  } finally {
    if (control) setTimeout(() => { control.disabled = false; }, 400);
  }
}

// -- the page -------------------------------------------------------------------------

function timeOf(ts) {
  const when = new Date(Number(String(ts).split(".")[0]) * 1000);
  return when.toLocaleTimeString("en-GB", { timeZone: S.timezone, hour: "2-digit", minute: "2-digit" });
}

function renderMessage(message) {
  const item = el("li", "message");
  item.dataset.ts = message.ts;
  item.dataset.testid = "message";
  if (message.from_user) item.classList.add("from-user");
  if (message.ephemeral) item.classList.add("ephemeral");
  const head = el("div", "message-head");
  const author = el("span", "author");
  author.textContent = message.from_user ? S.users[message.user] || message.user : "Sensorbot";
  head.append(author, el("span", "when", escapeText(timeOf(message.ts))));
  item.appendChild(head);
  if (message.ephemeral) {
    const note = el("div", "ephemeral-note");
    note.textContent = text("only_you") + (message.command ? " · " + message.command : "");
    item.appendChild(note);
  }
  const surface = { kind: "message", ts: message.ts, key: "m" + message.ts, root: () => item };
  if (message.blocks && message.blocks.length) {
    item.appendChild(renderBlocks(message.blocks, surface));
  } else if (message.text) {
    item.appendChild(el("div", "mrkdwn", mrkdwn(message.text)));
  }
  (message.attachments || []).forEach((attachment) => {
    const box = el("div", "attachment");
    box.style.borderLeft = "4px solid " + (/^#?[0-9a-f]{3,6}$/i.test(attachment.color || "") ? "#" + attachment.color.replace("#", "") : "#ddd");
    box.style.paddingLeft = "8px";
    if (attachment.blocks) box.appendChild(renderBlocks(attachment.blocks, surface));
    else box.appendChild(el("div", "mrkdwn", mrkdwn(attachment.text || attachment.fallback || "")));
    item.appendChild(box);
  });
  (message.files || []).forEach((file) => {
    const card = el("div", "file");
    card.dataset.testid = "file";
    const about = el("div");
    about.append(el("div", "file-name", escapeText(file.title || file.name)), el("div", "file-type", escapeText(file.pretty_type || file.filetype || "")));
    const link = el("a", "button", escapeText(text("download")));
    link.href = "/api/file/" + encodeURIComponent(file.id);
    link.setAttribute("download", file.name);
    card.append(about, link);
    item.appendChild(card);
  });
  return item;
}

// Messages are kept by ts: only one that changed (chat.update) is drawn again, so an open
// menu or a choice under way elsewhere in the DM survives new messages.
function renderConversation(conversation) {
  const key = JSON.stringify(conversation);
  if (key === S.shown.conversation) return;
  S.shown.conversation = key;
  const list = $("conversation");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const drawn = S.drawn || new Map();
  const next = new Map();
  const nodes = conversation.map((message) => {
    const json = JSON.stringify(message);
    const old = drawn.get(message.ts);
    const node = old && old.json === json ? old.node : renderMessage(message);
    next.set(message.ts, { json, node });
    return node;
  });
  S.drawn = next;
  if (!nodes.length) nodes.push(el("li", "empty", escapeText(text("empty_dm"))));
  nodes.forEach((node, index) => {
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] || null);
  });
  while (list.children.length > nodes.length) list.lastElementChild.remove();
  if (atBottom || !drawn.size) list.scrollTop = list.scrollHeight;
}

function renderHome(view) {
  const key = JSON.stringify(view);
  if (key === S.shown.home) return;
  S.shown.home = key;
  const home = $("home");
  home.replaceChildren();
  if (!view) { home.appendChild(el("p", "empty", escapeText(text("no_home")))); return; }
  home.appendChild(renderBlocks(view.blocks, { kind: "home", key: "home", root: () => home }));
}

function renderModal(view) {
  const dialog = $("modal");
  const key = JSON.stringify(view);
  if (key === S.shown.modal) return;
  S.shown.modal = key;
  S.modalView = view;
  if (!view) { if (dialog.open) dialog.close(); return; }
  $("modal-title").textContent = plain(view.title);
  const blocks = $("modal-blocks");
  blocks.replaceChildren(renderBlocks(view.blocks, { kind: "modal", key: "modal", root: () => blocks }));
  $("modal-submit").hidden = !view.submit;
  $("modal-submit").textContent = plain(view.submit) || text("submit");
  $("modal-close").textContent = plain(view.close) || text("cancel");
  if (!dialog.open) dialog.showModal();
}

function renderAnswers(answers) {
  const list = $("requests");
  list.replaceChildren();
  answers.forEach((answer) => {
    const item = el("li", answer.status === 200 ? "" : "refused");
    item.textContent = answer.kind + (answer.detail ? " " + answer.detail : "") + " → " + answer.status + " (" + answer.ms + " ms)" + (answer.status === 200 ? "" : " · " + text("refused") + " " + answer.status);
    list.appendChild(item);
  });
}

function render(state) {
  renderConversation(state.conversation);
  renderHome(state.home);
  renderModal(state.modal);
  renderAnswers(state.answers);
}

async function poll(generation) {
  while (generation === S.generation) {
    try {
      const state = await api("/api/state?user=" + encodeURIComponent(S.user) + "&after=" + S.version);
      if (generation !== S.generation) return;
      S.version = state.version;
      render(state);
      document.body.dataset.version = String(state.version);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function showAs(userId) {
  S.user = userId;
  S.version = -1;
  S.generation += 1;
  S.shown = { conversation: "", home: "", modal: "" };
  S.drawn = new Map();
  $("conversation").replaceChildren();
  document.body.dataset.user = userId;
  if (S.tab === "home") api("/api/home", { user: S.user });
  poll(S.generation);
}

function selectTab(tab) {
  S.tab = tab;
  $("tab-messages").setAttribute("aria-selected", String(tab === "messages"));
  $("tab-home").setAttribute("aria-selected", String(tab === "home"));
  $("messages-panel").hidden = tab !== "messages";
  $("home-panel").hidden = tab !== "home";
  if (tab === "home") api("/api/home", { user: S.user });
}

function localNow() {
  const now = new Date();
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: S.timezone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(now);
  const part = (type) => parts.find((p) => p.type === type).value;
  return part("year") + "-" + part("month") + "-" + part("day") + "T" + part("hour") + ":" + part("minute");
}

async function start() {
  const workspace = await api("/api/workspace");
  S.texts = workspace.texts;
  S.users = workspace.users;
  S.timezone = workspace.timezone;
  document.title = text("title");
  $("title").textContent = text("title");
  $("local-only").textContent = text("local_only");
  $("show-as-label").textContent = text("show_as");
  $("tab-messages").textContent = text("messages");
  $("tab-home").textContent = text("home");
  $("compose").placeholder = text("compose");
  $("send").textContent = text("send");
  $("share-text").textContent = text("share_file");
  $("time-travel-title").textContent = text("time_travel");
  $("time-travel-help").textContent = text("time_travel_help");
  $("time-travel-run").textContent = text("run_pass");
  $("requests-title").textContent = text("requests");
  $("time-travel-at").value = localNow();
  const person = $("person");
  workspace.people.forEach((p) => {
    const option = el("option", "", escapeText(p.name + " (" + p.role + ")"));
    option.value = p.id;
    person.appendChild(option);
  });
  person.addEventListener("change", () => showAs(person.value));
  $("tab-messages").addEventListener("click", () => selectTab("messages"));
  $("tab-home").addEventListener("click", () => selectTab("home"));
  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const typed = $("compose").value;
    if (!typed.trim()) return;
    $("compose").value = "";
    await api("/api/send", { user: S.user, text: typed });
  });
  $("upload").addEventListener("change", async () => {
    const file = $("upload").files[0];
    if (!file) return;
    const content = await file.arrayBuffer();
    $("upload").value = "";
    await api("/api/upload?user=" + encodeURIComponent(S.user) + "&name=" + encodeURIComponent(file.name), content, true);
  });
  $("time-travel-run").addEventListener("click", async () => {
    const button = $("time-travel-run");
    button.disabled = true;
    try {
      const answer = await api("/api/time-travel", { at: $("time-travel-at").value });
      $("time-travel-result").textContent = answer.lines.join("\n");
    } finally {
      button.disabled = false;
    }
  });
  $("modal-close").addEventListener("click", () => api("/api/close", { user: S.user }));
  $("modal").addEventListener("cancel", (event) => { event.preventDefault(); api("/api/close", { user: S.user }); });
  $("modal-submit").addEventListener("click", async () => {
    const blocks = $("modal-blocks");
    const answer = await api("/api/submit", { user: S.user, values: stateValues(blocks) });
    blocks.querySelectorAll(".input-error").forEach((node) => { node.textContent = ""; });
    Object.entries(answer.errors || {}).forEach(([blockId, message]) => {
      const block = blocks.querySelector('.input-block[data-block-id="' + CSS.escape(blockId) + '"] .input-error');
      if (block) block.textContent = message;
    });
  });
  document.body.dataset.ready = "true";
  showAs(workspace.people[0].id);
}

start();
