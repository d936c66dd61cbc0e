// Small browser helpers the Blazor pages call: the waiting-room chime, printing, remembering the desk.
window.ventanilla = {
    audio: null,

    // Browsers only allow sound after a person has touched the page (unless Chromium runs with
    // --autoplay-policy=no-user-gesture-required); the display asks for one touch when needed.
    soundState() {
        if (this.audio) {
            return this.audio.state === "closed" ? "blocked" : "running";
        }
        const policy = navigator.getAutoplayPolicy ? navigator.getAutoplayPolicy("audiocontext") : "allowed";
        return policy === "allowed" || navigator.userActivation?.hasBeenActive ? "allowed" : "suspended";
    },

    async enableSound() {
        if (!this.audio) {
            this.audio = new AudioContext();
        }
        if (this.audio.state === "suspended") {
            await this.audio.resume();
        }
        return this.audio.state;
    },

    // The audio context is woken for each chime and put back to sleep afterwards: a running context keeps
    // an audio thread busy, which a screen left on for days does not need.
    async chime() {
        try {
            const state = await this.enableSound();
            if (state !== "running") {
                return state;
            }
            clearTimeout(this.sleep);
            const now = this.audio.currentTime;
            [[880, 0], [660, 0.35]].forEach(([frequency, start]) => {
                const tone = this.audio.createOscillator();
                const gain = this.audio.createGain();
                tone.frequency.value = frequency;
                gain.gain.setValueAtTime(0.0001, now + start);
                gain.gain.exponentialRampToValueAtTime(0.4, now + start + 0.03);
                gain.gain.exponentialRampToValueAtTime(0.0001, now + start + 0.6);
                tone.connect(gain).connect(this.audio.destination);
                tone.start(now + start);
                tone.stop(now + start + 0.65);
            });
            this.sleep = setTimeout(() => this.audio.suspend(), 1500);
            return "running";
        } catch {
            return "blocked";
        }
    },

    // The waiting room announces each new call (and each recall) the moment it appears, watched here in the browser:
    // the server only renders the calls, so twenty screens cost it one render each and no extra round trip. Every
    // call on screen carries a key; a key not announced yet joins a queue, oldest first, and the queue plays one call
    // at a time (the chime, then the voice when spoken calls are on), so calls that arrive together are neither lost
    // nor said twice, nor said over each other.
    chimes: 0,
    spoken: [],

    watchCalls(element) {
        const keysOnScreen = () => [...element.querySelectorAll("[data-call]")].map(e => e.dataset.call);
        let announced = new Set(keysOnScreen());
        const queue = [];
        let playing = false;
        const play = async () => {
            if (playing) return;
            playing = true;
            while (queue.length > 0) {
                const call = queue.shift();
                this.chimes++;
                // Not awaited: on a TV nobody has touched yet the audio context never starts, and the voice (or the
                // next call) must not wait for it.
                this.chime();
                await new Promise(resolve => setTimeout(resolve, 900)); // let the chime ring before the voice
                if (element.dataset.speak === "true" && call.say) await this.say(call.say);
            }
            playing = false;
        };
        new MutationObserver(() => {
            const calls = [...element.querySelectorAll("[data-call]")].reverse(); // the screen lists the newest first
            for (const call of calls) {
                if (!announced.has(call.dataset.call)) {
                    announced.add(call.dataset.call);
                    queue.push({ key: call.dataset.call, say: call.dataset.say });
                }
            }
            // Only the keys still on screen are kept: a call that left the list never comes back with the same key.
            announced = new Set([...announced].filter(key => calls.some(c => c.dataset.call === key)));
            play();
        }).observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-call", "data-say"] });
    },

    // Says a call with the browser's speech synthesis, in a Mexican Spanish voice when the device has one (another
    // Spanish one otherwise). Resolves when it has been said, or after a while if the voice never says it ended.
    say(text) {
        return new Promise(resolve => {
            if (!("speechSynthesis" in window)) {
                resolve();
                return;
            }
            const utterance = new SpeechSynthesisUtterance(text);
            utterance.lang = "es-MX";
            const voices = speechSynthesis.getVoices();
            const voice = voices.find(v => v.lang === "es-MX" || v.lang === "es_MX") ?? voices.find(v => v.lang?.startsWith("es"));
            if (voice) utterance.voice = voice;
            utterance.rate = 0.95;
            let guard = 0;
            const done = () => {
                clearTimeout(guard);
                resolve();
            };
            guard = setTimeout(done, 8000);
            utterance.onend = done;
            utterance.onerror = done;
            this.spoken.push(text);
            speechSynthesis.speak(utterance);
        });
    },

    // Prints only the element matching the selector (the turn ticket, the response letter): a copy of it is
    // put in #print-root, directly in <body>, and the print CSS leaves everything else out. Copying it out of
    // the app's layout lets a long letter run onto further pages with nothing of the screen behind it.
    print(selector) {
        document.getElementById("print-root")?.remove();
        const source = selector ? document.querySelector(selector) : null;
        if (source) {
            const root = document.createElement("div");
            root.id = "print-root";
            root.className = source.className;
            root.innerHTML = source.innerHTML;
            document.body.appendChild(root);
            window.addEventListener("afterprint", () => root.remove(), { once: true });
        }
        window.print();
    },

    // The expediente's file inputs: each chosen file is posted as it is (the request body, streamed by the browser) to
    // the input's upload address with the page's antiforgery token, one after the other; the component is told when
    // they start and, at the end, of each refusal in the server's own words.
    watchUploads(input, component, token) {
        if (!input || input.dataset.watched) return;
        input.dataset.watched = "1";
        input.addEventListener("change", async () => {
            const files = [...input.files];
            if (files.length === 0) return;
            await component.invokeMethodAsync("UploadStartedAsync");
            const problems = [];
            for (const file of files) {
                const url = `${input.dataset.uploadUrl}?tipo=${encodeURIComponent(input.dataset.kind)}&nombre=${encodeURIComponent(file.name)}`;
                try {
                    const response = await fetch(url, {
                        method: "POST", body: file,
                        headers: { "RequestVerificationToken": token ?? "", "Content-Type": "application/octet-stream" },
                    });
                    // Refusals come as problems (RFC 7807) with the Spanish message in "detail"; those that name
                    // the file themselves are shown as they are, others get its name in front.
                    const body = await response.text();
                    let text = body || response.statusText;
                    try { text = JSON.parse(body).detail || text; } catch { /* not a problem document */ }
                    if (!response.ok) problems.push(text.includes(file.name) ? text : `${file.name}: ${text}`);
                } catch {
                    problems.push(`${file.name}: no se pudo enviar; revise la conexión y vuelva a intentarlo.`);
                }
            }
            input.value = "";
            await component.invokeMethodAsync("UploadsFinishedAsync", problems);
        });
    },

    // Empties a file input after its file was read, so that choosing the same file again fires "change".
    resetInput(input) {
        if (input) input.value = "";
    },

    getItem(key) {
        return localStorage.getItem(key);
    },

    // The kiosk's «Tengo cita»: the booking's QR shown to the tablet's camera. Only where the browser has a barcode
    // detector (and a camera, on a secure page); elsewhere the code is typed. The QR holds the booking page's address
    // with the code after "#codigo=", or the code alone.
    canScan() {
        return "BarcodeDetector" in window && !!navigator.mediaDevices?.getUserMedia && window.isSecureContext;
    },

    async scanCode(video, component) {
        this.stopScan();
        const detector = new BarcodeDetector({ formats: ["qr_code"] });
        const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user" }, audio: false });
        this.scanning = stream;
        video.srcObject = stream;
        await video.play();
        const look = async () => {
            if (this.scanning !== stream) return;
            try {
                for (const found of await detector.detect(video)) {
                    const match = /codigo=([^&]+)/.exec(found.rawValue);
                    const code = match ? decodeURIComponent(match[1]) : found.rawValue;
                    this.stopScan();
                    await component.invokeMethodAsync("ScannedAsync", code);
                    return;
                }
            } catch { /* a frame the detector could not read: try the next */ }
            setTimeout(look, 250);
        };
        look();
    },

    stopScan() {
        this.scanning?.getTracks().forEach(track => track.stop());
        this.scanning = null;
    },

    setItem(key, value) {
        localStorage.setItem(key, value);
    },
};

// The citizen's status page opened from a QR code: the folio and code travel after "#" (never sent to the server,
// so never in a log). Fill the form, take them out of the address bar, and ask. Also when a second code is opened
// in the same tab (only the part after "#" changes, so the page does not load again).
function fillStatusFromHash() {
    const form = document.querySelector("form[data-fill-from-hash]");
    if (!form || location.hash.length < 2) return;
    const values = new URLSearchParams(location.hash.slice(1));
    const folio = values.get("folio"), code = values.get("codigo");
    // The status page asks for folio and code; a booking's page for its code alone.
    const folioInput = form.querySelector("[name=Folio]");
    if (!code || (folioInput && !folio)) return;
    if (folioInput) folioInput.value = folio;
    form.querySelector("[name=Codigo]").value = code;
    history.replaceState(null, "", location.pathname);
    form.requestSubmit();
}
document.addEventListener("DOMContentLoaded", fillStatusFromHash);
window.addEventListener("hashchange", fillStatusFromHash);

// A turn's phone page: the server sends its state over an event stream; the page patches its text in place, and
// when the turn is called it vibrates and chimes (where the phone allows: after one touch of the alert button).
// A finished turn reloads the page, which then offers the survey.
ventanilla.turnAlerts = 0;
function followTurn() {
    const card = document.querySelector("[data-turn-events]");
    if (!card || card.dataset.following) return;
    card.dataset.following = "1";
    let lastCall = card.dataset.call || null;
    const alertButton = document.querySelector("[data-turn-alert]");
    alertButton?.addEventListener("click", async () => {
        await ventanilla.enableSound();
        navigator.vibrate?.(60);
        alertButton.textContent = "Aviso activado";
        alertButton.disabled = true;
    });
    const source = new EventSource(card.dataset.turnEvents);
    source.onmessage = event => {
        const turn = JSON.parse(event.data);
        if (turn.final) {
            source.close();
            location.reload();
            return;
        }
        card.dataset.state = turn.state;
        card.querySelectorAll("[data-turn]").forEach(field => {
            field.textContent = turn[field.dataset.turn] ?? "";
        });
        if (turn.state === "Called" && turn.callKey !== lastCall) {
            ventanilla.turnAlerts++;
            document.title = "¡Es su turno! · Atención a Usuarios";
            navigator.vibrate?.([400, 200, 400, 200, 400]);
            ventanilla.chime();
        }
        lastCall = turn.callKey ?? null;
    };
}
document.addEventListener("DOMContentLoaded", followTurn);
