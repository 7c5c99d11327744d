document.getElementById('app')!.textContent = 'Saved reports will appear here.';
