// Drop, paste and copy helpers for the image search panel (loaded as an ES module).
// A dropped or pasted file is handed to the panel's <input type=file> and a change event is raised, so Blazor's
// InputFile reads it exactly like a picked file: one upload path, one set of checks.

function handOver(input, file) {
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function attach(zone, input) {
    const onPaste = e => {
        const files = e.clipboardData ? e.clipboardData.files : null;
        if (!files || files.length === 0) return;
        e.preventDefault();
        handOver(input, files[0]);
    };
    const onOver = e => { e.preventDefault(); zone.classList.add('il-drop-over'); };
    const onLeave = () => zone.classList.remove('il-drop-over');
    const onDrop = e => {
        zone.classList.remove('il-drop-over');
        if (e.target === input) return; // the file input takes its own drops
        const files = e.dataTransfer ? e.dataTransfer.files : null;
        if (!files || files.length === 0) return;
        e.preventDefault();
        handOver(input, files[0]);
    };
    zone.addEventListener('paste', onPaste);
    zone.addEventListener('dragover', onOver);
    zone.addEventListener('dragleave', onLeave);
    zone.addEventListener('drop', onDrop);
    return {
        dispose: () => {
            zone.removeEventListener('paste', onPaste);
            zone.removeEventListener('dragover', onOver);
            zone.removeEventListener('dragleave', onLeave);
            zone.removeEventListener('drop', onDrop);
        }
    };
}

export async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
        return document.execCommand('copy');
    } finally {
        area.remove();
    }
}
