// The demo dApp's page script: talks to Sigil only through window.sigil.
const status = document.getElementById('provider-status');
const output = document.getElementById('output');
const show = (value) => (output.textContent = JSON.stringify(value, null, 2));

function ready() {
  status.textContent = 'Sigil is installed.';
  document.documentElement.dataset.sigil = 'ready';
}
if (window.sigil) ready();
else window.addEventListener('sigil#initialized', ready, { once: true });

document.getElementById('ping').addEventListener('click', async () => {
  try {
    show(await window.sigil.request({ method: 'sigil_ping' }));
  } catch (error) {
    show({ error: { code: error.code, message: error.message } });
  }
});
