console.log('etablera');
