// The /game page: start a game with a number of players, watch the blind,
// declare the winner. It opens ws://<the page's host>/ws, so it works on
// whatever port the server listens on. GameWebServer fills kPlayersPlaceholder
// with <option> elements (HTML-escaped names) for the winner's datalist.
//
// Element ids the browser test uses: player-count, start-game, blind-value,
// winner, winner-button, game-end, status.
//
// Thread safety: constants.
#pragma once

#include <string_view>

namespace websockets {

inline constexpr std::string_view kPlayersPlaceholder = "{{players}}";

inline constexpr std::string_view kGamePage = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Let's play poker</title>
<style>
  body { font-family: sans-serif; max-width: 32em; margin: 2em auto; }
  section { margin: 1em 0; padding: 1em; border: 1px solid #ccc; border-radius: 6px; }
  #blind-value { font-size: 2em; font-weight: bold; }
  [hidden] { display: none; }
</style>
</head>
<body>
<h1>Let's play poker</h1>

<section id="game-start">
  <label for="player-count">Number of players</label>
  <input type="number" id="player-count" min="1" value="3">
  <button id="start-game">Start</button>
</section>

<section id="game-running" hidden>
  <p>Blind: <span id="blind-value">-</span></p>
  <label for="winner">Winner</label>
  <input type="text" id="winner" list="players" maxlength="64">
  <datalist id="players">{{players}}</datalist>
  <button id="winner-button">Declare winner</button>
</section>

<section id="game-end" hidden>
  <p>Another great game of poker everyone!</p>
  <p><a href="/league">See the league</a></p>
</section>

<p id="status" role="status"></p>

<script>
(function () {
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let finished = false;

  function show(id, visible) { $(id).hidden = !visible; }
  function status(text) { $('status').textContent = text; }

  function connect(onOpen) {
    socket = new WebSocket('ws://' + window.location.host + '/ws');
    socket.onopen = onOpen;
    socket.onmessage = (event) => {
      if (event.data.startsWith('Blind is now ')) {
        $('blind-value').textContent = event.data.substring('Blind is now '.length);
        show('game-start', false);
        show('game-running', true);
        status('');
      } else {
        status(event.data);
      }
    };
    socket.onclose = () => {
      socket = null;
      if (!finished) status('Connection closed');
    };
  }

  $('start-game').onclick = () => {
    const count = $('player-count').value;
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(count);
    } else {
      connect(() => socket.send(count));
    }
  };

  $('winner-button').onclick = () => {
    const winner = $('winner').value.trim();
    if (!winner || !socket) return;
    finished = true;
    socket.send(winner);
    show('game-running', false);
    show('game-end', true);
  };
})();
</script>
</body>
</html>
)html";

}  // namespace websockets
